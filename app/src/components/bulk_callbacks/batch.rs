//! A bulk request as it is sent: followed until every lead is handled, shown with a
//! progress bar and one line per lead.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::callbacks::*;
use crate::i18n::{fill, t};

/// Re-reads the batch every 0.7 s until every lead is handled, and runs `on_finished` once
/// per batch when it is.
pub fn follow_batch(batch: RwSignal<Option<BatchView>>, on_finished: Option<Callback<()>>) {
    // Once per batch, when its last lead has been handled.
    Effect::new(move |before: Option<Option<(i64, bool)>>| {
        let now = batch.with(|b| b.as_ref().map(|b| (b.id, b.finished)));
        if matches!(now, Some((_, true))) && before.flatten() != now {
            if let Some(on_finished) = on_finished {
                on_finished.run(());
            }
        }
        now
    });
    // Follow the batch until every lead is handled.
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || {
                let Some(current) = batch.get_untracked() else { return };
                if current.finished {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if let Ok(view) = callback_batch(current.id).await {
                        batch.set(Some(view));
                    }
                });
            },
            std::time::Duration::from_millis(700),
        )
        .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
}

#[component]
pub fn BatchProgress(batch: BatchView) -> impl IntoView {
    // An empty batch is done.
    let percent = (batch.handled * 100).checked_div(batch.total).unwrap_or(100);
    let t = &t().callbacks;
    let summary = fill(
        t.batch_summary,
        &[&percent, &batch.handled, &batch.total, &batch.created, &batch.refused, &batch.skipped],
    );
    view! {
        <div class="batch" data-testid="callback-batch" data-finished=batch.finished.to_string()
            data-total=batch.total.to_string() data-handled=batch.handled.to_string()>
            {batch.repeated.then(|| view! {
                <p class="banner banner-ok" role="status">{t.batch_repeated}</p>
            })}
            <progress max=batch.total.to_string() value=batch.handled.to_string()></progress>
            <p data-testid="callback-batch-summary">
                {summary}
                " " <A href="/callbacks">{t.follow_them}</A>
            </p>
            <div class="table-wrap">
                <table class="table">
                    <thead><tr><th>{t.col_lead}</th><th>{t.col_due}</th><th>{t.col_operator}</th><th>{t.col_result}</th></tr></thead>
                    <tbody>
                        {batch.items.into_iter().map(|item| {
                            let lead = if item.name.is_empty() { item.number.clone() } else { format!("{} · {}", item.name, item.number) };
                            match (item.callback, item.skipped) {
                                (Some(row), _) => view! {
                                    <tr data-testid="batch-item" data-state=row.state.key()>
                                        <td>{lead}</td>
                                        <td class="nowrap">{row.due_at.clone()}</td>
                                        <td>{row.operator.clone()}</td>
                                        <td>{match &row.reason { Some(r) => format!("{}: {r}", row.state.label()), None => row.state.label().to_string() }}</td>
                                    </tr>
                                }.into_any(),
                                (None, reason) => view! {
                                    <tr data-testid="batch-item" data-state="skipped">
                                        <td>{lead}</td><td></td><td></td>
                                        <td>{fill(t.skipped, &[&reason.unwrap_or_default()])}</td>
                                    </tr>
                                }.into_any(),
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}
