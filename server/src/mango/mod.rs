//! Speaking MANGO's API. For now: the result-code catalog, the status numberings, and request
//! signing and webhook verification (manual 2.1.1), shared by the sandbox and, later, the client.

pub mod codes;
pub mod sign;
pub mod status;
