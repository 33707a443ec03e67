use clap::Parser;
use server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    return_large_blocks();
    let cli = Cli::parse();
    let config = cli.serve;
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&config.log_level).unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let running = server::start(config, server::shutdown_signal()).await?;
            tracing::info!("Obzvon is listening on http://{}", running.addr);
            running.task.await??;
            tracing::info!("stopped");
        }
        Command::Emulator(args) => {
            server::run_emulator(config.bind, args, server::shutdown_signal()).await?;
        }
        Command::Texts { lang } => {
            let lang = app::i18n::Lang::parse(&lang)
                .ok_or_else(|| anyhow::anyhow!("no such language {lang:?}: use ru or en"))?;
            println!("{}", serde_json::to_string_pretty(&all_texts(lang))?);
        }
    }
    Ok(())
}

/// A language's tables, then the words of the campaign form's value sets (`choices.redial_counts.1`
/// is "1 attempt"), which live beside their values rather than in the tables.
#[derive(serde::Serialize)]
struct AllTexts {
    #[serde(flatten)]
    texts: &'static app::i18n::Texts,
    choices: std::collections::BTreeMap<&'static str, std::collections::BTreeMap<String, &'static str>>,
}

fn all_texts(lang: app::i18n::Lang) -> AllTexts {
    use app::api::campaign_options::*;
    let sets: [(&str, &[Choice]); 7] = [
        ("redial_counts", REDIAL_COUNTS),
        ("answer_waits", ANSWER_WAITS),
        ("call_coefficients_tenths", CALL_COEFFICIENTS_TENTHS),
        ("waits_if_busy", WAITS_IF_BUSY),
        ("waits_if_no_answer", WAITS_IF_NO_ANSWER),
        ("waits_if_unavailable", WAITS_IF_UNAVAILABLE),
        ("after_call_pauses", AFTER_CALL_PAUSES),
    ];
    let choices = app::i18n::in_lang(lang, || {
        sets.into_iter()
            .map(|(name, set)| (name, set.iter().map(|c| (c.value.to_string(), c.text())).collect()))
            .collect()
    });
    AllTexts { texts: lang.texts(), choices }
}

/// glibc serves a large block (above its mmap threshold) from its own mapping and unmaps it when
/// freed, but then raises the threshold to that block's size (up to 32 MiB): from the next one
/// on, such blocks come from the heap and stay resident. A sign-in (argon2id's 19 MiB) or a large
/// upload would keep the idle server's memory up for good; a fixed threshold (4 MiB) gives them
/// back. Measured (`cargo bench -p server --bench leads -- peer`): idle RSS after a sign-in 44 →
/// 25 MB, peak over three 100,000-row uploads 300–355 → 143–150 MB, for ~50 ms more per upload.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks() {
    // SAFETY: mallopt only sets an allocator parameter, under glibc's own arena lock.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_blocks() {}
