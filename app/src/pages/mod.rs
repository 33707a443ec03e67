//! One module per page.

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
pub use home::HomeRedirect;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use settings::SettingsPage;
pub use users::UsersPage;
