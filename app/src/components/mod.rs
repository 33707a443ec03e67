//! Widgets shared by pages: sign-in state and guards, navigation, feedback banners and
//! confirmations, the callback fields, bulk callbacks, the MANGO health panels, and the call
//! recordings' player and cells, and the alerts outside the board (the campaigns list's card,
//! the navigation's count).

pub mod alerts;
pub mod auth;
pub mod bulk_callbacks;
pub mod callback_fields;
pub mod event_health;
pub mod feedback;
pub mod mango_health;
pub mod nav;
pub mod recording;
