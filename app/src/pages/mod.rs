//! One module per page. A page's own component (`…Page`) checks the permission and reads the
//! route; its parts are components of their own, each small enough to read at once. A page
//! with many parts is a folder: `mod.rs` holds the page and what it loads, the other files
//! one part each (for example `campaign_form/schedule.rs`). A part that loads its own data
//! stays a sibling of the others, never inside another part's `Suspend`.

mod account;
mod audit;
mod callbacks;
mod campaign;
mod campaign_board;
mod campaign_form;
mod campaign_leads;
mod campaign_results;
mod campaigns;
mod directory;
mod do_not_call;
mod home;
mod login;
mod not_found;
mod settings;
mod users;

pub use account::AccountPage;
pub use audit::AuditPage;
pub use callbacks::CallbacksPage;
pub use campaign::CampaignPage;
pub use campaign_board::CampaignBoardPage;
pub use campaign_form::{EditCampaignPage, NewCampaignPage};
pub use campaign_leads::CampaignLeadsPage;
pub use campaign_results::CampaignResultsPage;
pub use campaigns::CampaignsPage;
pub use directory::DirectoryPage;
pub use do_not_call::DoNotCallPage;
pub use home::HomeRedirect;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use settings::SettingsPage;
pub use users::UsersPage;
