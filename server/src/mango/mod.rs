//! Speaking MANGO OFFICE's API (VPBX and Contact Center): request signing and webhook
//! verification (manual 2.1.1), the result-code catalog, the status numberings, typed
//! requests and answers, the rate limits (manual 1.4), and the client that ties them
//! together. The sandbox (`crate::emulator`) shares the signing.
//!
//! Above the protocol, this installation's connection to it: the settings an admin saves
//! (`settings`), which MANGO is in use — a real account or the built-in sandbox — with its
//! client (`link`), and the copy of MANGO's directory of operators, lines and audio files
//! (`directory`).
//!
//! ```no_run
//! # async fn example() -> Result<(), server::mango::MangoError> {
//! use server::mango::{MangoClient, MangoConfig};
//! let client = MangoClient::new(MangoConfig::production("api-key", "api-salt"))?;
//! let lines = client.incoming_lines().await?;
//! # Ok(()) }
//! ```

pub mod advice;
pub mod client;
pub mod codes;
pub mod config;
pub mod directory;
pub mod endpoint;
pub mod error;
pub mod interpret;
pub mod lenient;
pub mod limits;
pub mod link;
pub mod settings;
pub mod sign;
pub mod status;
pub mod types;

pub use self::client::MangoClient;
pub use self::config::{MangoConfig, RetryPolicy, PRODUCTION_CC_BASE, PRODUCTION_VPBX_BASE};
pub use self::endpoint::{Api, Endpoint, RetrySafety};
pub use self::error::MangoError;
pub use self::limits::{LimitClass, RateLimits};
pub use self::sign::{sign, verify_signature, ApiSalt};
pub use self::status::{CampaignStatus, CampaignStatusReason, TaskOutcome, TaskStatus};
