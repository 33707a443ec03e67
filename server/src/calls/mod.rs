//! Following every call: MANGO's signed events are received, kept and folded into calls
//! (`webhooks`), MANGO's own view of each task is polled where events cannot say it
//! (`task_poll`), and both become the live board (`board`) and the results with their
//! exports (`results`); recordings are linked to their calls, with what was said in them
//! (`recordings`).

pub mod alerts;
pub mod board;
pub mod outcome;
pub mod recordings;
pub mod results;
pub mod task_poll;
pub mod webhooks;
