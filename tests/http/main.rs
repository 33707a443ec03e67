//! HTTP integration tests: a real server on a random loopback port with a temporary SQLite
//! database, spoken to over HTTP like a browser would.

mod support;

mod alerts;
mod auth;
mod callbacks;
mod campaigns;
mod demo;
mod directory;
mod do_not_call;
mod emulator;
mod hostile_files;
mod language;
mod leads;
mod pages;
mod recordings;
mod retention;
mod roles;
mod sandbox_guard;
mod settings;
mod signin_hardening;
mod stopping;
mod web_guard;
mod webhooks;
