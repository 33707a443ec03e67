use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::Permission;
use crate::components::auth::Guard;

#[component]
pub fn CallbacksPage() -> impl IntoView {
    view! {
        <Title text="Callbacks · Obzvon"/>
        <Guard permission=Permission::CreateCallbacks>
            <header class="page-head">
                <h1>"Callbacks"</h1>
            </header>
            <section class="empty-state" data-testid="callbacks-empty">
                <h2>"No callbacks yet"</h2>
                <p>"Automatic callbacks scheduled in MANGO's Contact Center appear here with their state."</p>
            </section>
        </Guard>
    }
}
