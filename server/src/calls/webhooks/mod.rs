//! MANGO's events (manual 3.1, 4.4): verified, stored as received, and folded into calls.

pub mod call_state;
pub mod events;
pub mod health;
pub mod receiver;
pub mod writer;
