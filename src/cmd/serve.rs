//! `hireboard serve`: build in memory, serve on 127.0.0.1, rebuild what a
//! change touches and reload the browser.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

use crate::serve::{self, http, watch, Rebuilder};
use crate::site::{self, Site, SiteOptions};

#[derive(clap::Args)]
pub struct Args {
    /// The site folder (holding hireboard.yaml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The address to listen on; anything but loopback exposes your drafts.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The port; if taken, the next free one is used. 0: any free port.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// The time that decides expiry (RFC 3339); default SOURCE_DATE_EPOCH or the clock.
    #[arg(long)]
    now: Option<String>,
}

pub fn run(args: &Args) -> super::Outcome {
    let root = args
        .root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", args.root.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let (listener, note) = runtime
        .block_on(http::bind(args.bind, args.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.bind, args.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let url = format!("http://{address}/");

    let options = SiteOptions {
        now: site::resolve_now(args.now.as_deref())?,
        // The preview shows what is not published yet, with a banner.
        unpublished: site::Unpublished::SHOWN,
        base_url: Some(url.clone()),
        live_reload: Some(serve::live_reload_snippet()),
    };
    let site = Site::load(&root, options)?;
    let stats = site.stats();
    // A reconnecting page compares generations: start from the clock so a
    // restarted server never repeats one.
    let generation = jiff::Timestamp::now().as_millisecond().unsigned_abs();
    let shared = http::Shared::new(http::Snapshot::default());
    let rebuilder = Rebuilder::new(site, shared.clone(), generation);
    shared.publish(rebuilder.snapshot(), http::Change::Reload);
    for error in &shared.snapshot().problems {
        eprintln!("  {}", crate::terminal::escape(error));
    }

    let (batches, receiver) = mpsc::channel();
    watch::start(&root, batches)?;
    std::thread::spawn(move || rebuilder.run(receiver));

    if let Some(note) = note {
        eprintln!("{note}");
    }
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview reachable from other machines",
            args.bind
        );
    }
    eprintln!(
        "serving {} postings, {} files at {url} (Ctrl-C to stop)",
        stats.postings, stats.files
    );
    if args.open {
        open_browser(&url);
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("stopped");
    };
    runtime
        .block_on(http::serve(listener, shared, shutdown))
        .map_err(|e| format!("the server stopped: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("cannot open a browser ({opener}: {e}); visit {url}");
    }
}
