//! Command line and environment. Every flag also reads an `OBZVON_*` variable. A yes/no
//! variable reads `1/0`, `true/false`, `yes/no`, `on/off` in any case (clap's plain bool
//! parser takes only `true`/`false`, and `OBZVON_DEMO=1` would stop the server).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "obzvon", version, about = "Obzvon: outbound campaigns for MANGO OFFICE")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeConfig,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default).
    Serve,
    /// Run only the MANGO sandbox (listens on --bind; API under /vpbx).
    Emulator(EmulatorArgs),
    /// Print one language's texts as JSON (`ru` or `en`), with the campaign form's value sets
    /// under `choices`: what translators review and what the browser tests read their words from.
    Texts {
        #[arg(default_value = "ru")]
        lang: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct EmulatorArgs {
    /// Base address that receives the sandbox's signed events (it appends /events/call…).
    #[arg(long, env = "OBZVON_EMULATOR_WEBHOOK_URL")]
    pub webhook_url: Option<String>,
    /// The vpbx_api_key the sandbox accepts.
    #[arg(long, env = "OBZVON_EMULATOR_API_KEY", default_value = "sandbox-api-key")]
    pub api_key: String,
    /// The api_salt requests and events are signed with.
    #[arg(
        long,
        env = "OBZVON_EMULATOR_API_SALT",
        default_value = "sandbox-api-salt",
        hide_env_values = true
    )]
    pub api_salt: String,
    /// Seed of the simulated call outcomes: the same seed gives the same calls.
    #[arg(long, env = "OBZVON_EMULATOR_SEED", default_value_t = 1)]
    pub seed: u64,
    /// Simulated seconds per real second (60: a minute per second).
    #[arg(long, env = "OBZVON_EMULATOR_TIME_FACTOR", default_value_t = 60.0)]
    pub time_factor: f64,
}

#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// Address and port to listen on.
    #[arg(long, env = "OBZVON_BIND", default_value = "127.0.0.1:3000", global = true)]
    pub bind: SocketAddr,

    /// Where the database (by default), the secret key and other files live.
    #[arg(long, env = "OBZVON_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,

    /// Database URL; by default a SQLite file `obzvon.db` in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Log filter, e.g. `info`, `debug`, `server=debug,tower_http=info`.
    #[arg(long, env = "OBZVON_LOG", default_value = "info", global = true)]
    pub log_level: String,

    /// The address people and MANGO reach Obzvon at. Cookies are marked Secure when it is
    /// https. Defaults to http://<bind>.
    #[arg(long, env = "OBZVON_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Built browser files (the wasm bundle and CSS).
    #[arg(long, env = "OBZVON_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: PathBuf,

    /// Password for the `admin` user created on first run. If unset, one is generated and
    /// printed once in the log.
    #[arg(long, env = "OBZVON_ADMIN_PASSWORD", hide_env_values = true, global = true)]
    pub admin_password: Option<String>,

    /// Who may post MANGO events to /events/: `any` (default), `mango` (the addresses of
    /// manual 3.1, and loopback), or comma-separated IP addresses.
    #[arg(long, env = "OBZVON_WEBHOOK_SOURCES", global = true)]
    pub webhook_sources: Option<String>,

    /// Key for encrypting stored secrets: 64 hex characters. If unset, the key file
    /// `secret.key` in the data directory is used (created on first run).
    #[arg(long, env = "OBZVON_SECRET_KEY", hide_env_values = true, global = true)]
    pub secret_key: Option<String>,

    /// Refuse to call any MANGO address that is not on this machine (loopback). Tests and
    /// demos set it so that nothing they save can reach the real MANGO.
    #[arg(long, env = "OBZVON_MANGO_LOOPBACK_ONLY", global = true, action = ArgAction::SetTrue,
        value_parser = BoolishValueParser::new())]
    pub mango_loopback_only: bool,

    /// Allow the MANGO addresses in Settings to be private, link-local or other non-public
    /// addresses (by default only public ones are called; MANGO OFFICE is on the internet).
    #[arg(long, env = "OBZVON_MANGO_ALLOW_PRIVATE", global = true, action = ArgAction::SetTrue,
        value_parser = BoolishValueParser::new())]
    pub mango_allow_private: bool,

    /// On a fresh database (no campaigns, no user but the first admin), play the whole story
    /// against the built-in sandbox: demo users, a campaign, a lead list, calls and callbacks
    /// (`make run` does this).
    #[arg(long, env = "OBZVON_DEMO", global = true, action = ArgAction::SetTrue,
        value_parser = BoolishValueParser::new())]
    pub demo: bool,

    /// Days raw MANGO events, audit rows and uploaded lead files are kept; older ones are
    /// pruned at start and daily (what a call in progress or a running push still needs
    /// stays). 0 keeps everything forever.
    #[arg(long, env = "OBZVON_RETENTION_DAYS", default_value_t = 180, global = true)]
    pub retention_days: u32,

    /// Seconds a running campaign may go without an event from MANGO inside a calling window
    /// before its board says so ("check the event address in MANGO's cabinet").
    #[arg(long, env = "OBZVON_ALERT_SILENCE_SECONDS", default_value_t = 600, global = true)]
    pub alert_silence_seconds: u64,

    /// Reverse proxies (comma-separated addresses or networks, e.g. `127.0.0.1,10.0.0.0/8`)
    /// whose `X-Forwarded-For` names the client; without it the TCP peer is the client.
    #[arg(long, env = "OBZVON_TRUSTED_PROXIES", global = true)]
    pub trusted_proxies: Option<String>,
}

impl ServeConfig {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("obzvon.db").display()))
    }

    /// The configured public address, else the address actually bound (which differs from
    /// `bind` when that asks for port 0).
    pub fn public_url(&self, bound: SocketAddr) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://{bound}")).trim_end_matches('/').to_string()
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sets `name` to `value` for one parse. The variables are this test's own; the tests
    /// of this module run one after another under `ENV_LOCK`.
    fn parse_with(name: &str, value: &str, args: &[&str]) -> Result<Cli, clap::Error> {
        std::env::set_var(name, value);
        let parsed = Cli::try_parse_from(std::iter::once("obzvon").chain(args.iter().copied()));
        std::env::remove_var(name);
        parsed
    }

    static ENV_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn yes_no_variables_take_every_common_spelling() {
        let _one_at_a_time = ENV_LOCK.lock().unwrap_or_else(|p| p.into_inner());
        for name in ["OBZVON_MANGO_LOOPBACK_ONLY", "OBZVON_DEMO", "OBZVON_MANGO_ALLOW_PRIVATE"] {
            for (value, expected) in [
                ("1", true),
                ("0", false),
                ("true", true),
                ("FALSE", false),
                ("yes", true),
                ("No", false),
                ("on", true),
                ("OFF", false),
                ("True", true),
            ] {
                let cli = parse_with(name, value, &[]).unwrap_or_else(|e| panic!("{name}={value}: {e}"));
                let got = match name {
                    "OBZVON_DEMO" => cli.serve.demo,
                    "OBZVON_MANGO_ALLOW_PRIVATE" => cli.serve.mango_allow_private,
                    _ => cli.serve.mango_loopback_only,
                };
                assert_eq!(got, expected, "{name}={value}");
            }
            let refused = parse_with(name, "maybe", &[]).unwrap_err().to_string();
            assert!(refused.contains("maybe"), "{refused}");
        }
    }

    #[test]
    fn flags_and_defaults_still_work() {
        let _one_at_a_time = ENV_LOCK.lock().unwrap_or_else(|p| p.into_inner());
        let cli = Cli::try_parse_from(["obzvon", "--mango-loopback-only"]).unwrap();
        assert!(cli.serve.mango_loopback_only && !cli.serve.demo);
        let cli = Cli::try_parse_from(["obzvon", "serve", "--demo"]).unwrap();
        assert!(cli.serve.demo && !cli.serve.mango_loopback_only);
        let cli = Cli::try_parse_from(["obzvon"]).unwrap();
        assert!(!cli.serve.demo && !cli.serve.mango_loopback_only && !cli.serve.mango_allow_private);
        let cli = Cli::try_parse_from(["obzvon", "--mango-allow-private"]).unwrap();
        assert!(cli.serve.mango_allow_private && !cli.serve.mango_loopback_only);
    }
}
