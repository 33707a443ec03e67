//! What the board says needs attention: tasks that got onto the do-not-call list while MANGO
//! may still dial them.

use leptos::prelude::*;

use crate::i18n::{fill, t};

/// The campaign's tasks on the do-not-call list, and what the user can do about them.
#[component]
pub fn ListedWaiting(items: Vec<String>) -> impl IntoView {
    let t = &t().do_not_call;
    let count = items.len();
    (count > 0).then(|| {
        view! {
            <section class="card card-warn" data-testid="board-dnc" data-count=count>
                <h2>{fill(t.board_heading, &[&count])}</h2>
                <p>{t.board_what_to_do}</p>
                <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
            </section>
        }
    })
}
