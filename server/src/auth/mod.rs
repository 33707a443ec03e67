//! Passwords, sessions and login throttling.

pub mod passwords;
pub mod session;
pub mod signed_in;
pub mod throttle;
