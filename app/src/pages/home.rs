//! `/`: sends everyone to the campaigns.

use leptos::prelude::*;
use leptos_router::components::Redirect;

/// `/` has nothing of its own: campaigns are where everyone starts.
#[component]
pub fn HomeRedirect() -> impl IntoView {
    view! { <Redirect path="/campaigns"/> }
}
