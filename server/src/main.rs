use clap::Parser;
use server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
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
            println!("{}", serde_json::to_string_pretty(lang.texts())?);
        }
    }
    Ok(())
}
