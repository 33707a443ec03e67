//! Widgets shared by pages.

pub mod auth;
pub mod bulk_callbacks;
pub mod feedback;
pub mod nav;
