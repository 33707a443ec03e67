//! Widgets shared by pages.

pub mod auth;
pub mod bulk_callbacks;
pub mod callback_fields;
pub mod event_health;
pub mod feedback;
pub mod mango_health;
pub mod nav;
