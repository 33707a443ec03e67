//! Widgets shared by pages.

pub mod auth;
pub mod feedback;
pub mod nav;
