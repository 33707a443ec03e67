//! Reading lead lists: a file becomes a table of cells (`table`), its columns get a meaning
//! (`columns`), phone cells become numbers MANGO can dial (`phone`), and each row is checked
//! into a task or a reason it cannot be one (`rows`). An upload is kept and reviewed as a
//! lead list (`lists`), and its accepted rows are pushed to MANGO as tasks (`push`).

pub mod archive;
pub mod columns;
pub mod do_not_call;
pub mod fixtures;
pub mod hostile;
pub mod lists;
pub mod ods_bounds;
pub mod phone;
pub mod push;
pub mod rows;
pub mod table;
pub mod xls_bounds;
