//! The contract between browser and server: data types, shared validation rules, and the
//! server functions. Everything here compiles for both sides.

pub mod alerts;
pub mod audit;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod board;
pub mod callbacks;
pub mod campaign_options;
pub mod campaigns;
pub mod directory;
pub mod do_not_call;
pub mod error;
pub mod forecast;
pub mod leads;
pub mod recordings;
pub mod results;
pub mod roles;
pub mod schedule;
pub mod settings;
pub mod types;
pub mod users;
pub mod validation;
pub mod zone;

pub use error::{AppError, FieldError};
pub use roles::{Permission, Role};
