//! Finished calls over time as an SVG chart.

use leptos::prelude::*;

use crate::api::board::*;
use crate::i18n::t;

/// Finished calls over time as stacked bars, one colour per outcome.
#[component]
pub fn OutcomeChart(timeline: Vec<TimeBucket>) -> impl IntoView {
    if timeline.is_empty() {
        return ().into_any();
    }
    let t = &t().board;
    const WIDTH: f64 = 720.0;
    const HEIGHT: f64 = 160.0;
    const LABELS: f64 = 18.0;
    let most = timeline.iter().map(|b| b.counts.iter().map(|(_, n)| n).sum::<i64>()).max().unwrap_or(1).max(1)
        as f64;
    let slot = WIDTH / timeline.len() as f64;
    let bar = (slot * 0.7).max(2.0);
    let bars = timeline
        .iter()
        .enumerate()
        .map(|(i, bucket)| {
            let x = i as f64 * slot + (slot - bar) / 2.0;
            let mut top = HEIGHT;
            let segments = bucket
                .counts
                .iter()
                .map(|(outcome, count)| {
                    let h = *count as f64 / most * (HEIGHT - 4.0);
                    top -= h;
                    view! {
                        <rect x=format!("{x:.1}") y=format!("{top:.1}") width=format!("{bar:.1}") height=format!("{h:.1}") class=format!("outcome-{}", outcome.key())>
                            <title>{format!("{} {}: {count}", bucket.label, outcome.label())}</title>
                        </rect>
                    }
                })
                .collect_view();
            let label_x = i as f64 * slot + slot / 2.0;
            let show_label = timeline.len() <= 6 || i % 2 == 0;
            view! {
                <g data-testid="chart-bar">
                    {segments}
                    {show_label.then(|| view! { <text x=format!("{label_x:.1}") y=format!("{:.1}", HEIGHT + 14.0) text-anchor="middle">{bucket.label.clone()}</text> })}
                </g>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t.chart_heading}</h2>
            <svg class="chart" viewBox=format!("0 0 {WIDTH} {}", HEIGHT + LABELS) role="img" aria-label=t.chart_label data-testid="outcome-chart">
                {bars}
            </svg>
            <ul class="counts chart-legend">
                {CallOutcome::ALL.iter().filter(|o| **o != CallOutcome::InProgress).map(|o| view! {
                    <li><span class=format!("swatch outcome-{}", o.key())></span>{o.label()}</li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
