//! `nota serve` in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
//! driven over WebDriver. Types a query, ticks a province and a theme and sees the counts and hits
//! change, opens a document, follows a similar document, fetches the CSV the page links to, and
//! opens a document whose text holds `<script>` and `onerror=` markup: it shows as text and runs
//! nothing. A screenshot of each step goes to `target/screenshots/`.
//!
//! Without chromium and chromedriver on the machine the test says so and passes, unless
//! `NOTA_REQUIRE_BROWSER=1` (set by `.ci/run`, which installs them) makes it fail.

use crate::common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{Env, Server};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(screenshots().join(format!("{name}.png")), png).expect("write screenshot");
}

/// Polls `probe` (a JS expression) until it is true, for up to 10 s.
async fn wait_for(client: &Client, probe: &str) {
    for _ in 0..100 {
        let value = client
            .execute(&format!("return !!({probe});"), vec![])
            .await
            .expect("script runs");
        if value == json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for: {probe}");
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css} is on the page"))
        .text()
        .await
        .expect("text")
}

async fn connect(port: u16, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    for _ in 0..50 {
        if let Ok(client) = ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            return client;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not start a session");
}

fn browser_available() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present {
        let required = std::env::var("NOTA_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "NOTA_REQUIRE_BROWSER=1 but {CHROMIUM} or {CHROMEDRIVER} is missing"
        );
        eprintln!("SKIPPED: the browser test needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)");
    }
    present
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_filter_open_follow_download_and_stay_safe() {
    if !browser_available() {
        return;
    }
    let env = Env::with_corpus();
    env.copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/memo.pdf"),
        "docs",
    );
    env.write(
        "docs/kwaadaardig.txt",
        "Notitie over eenzaamheid onder ouderen in Flevoland, 2019.\n\
         <script>alert(1)</script> <img src=x onerror=\"window.__pwned=1\"> <b>vet</b>\n",
    );
    env.write(
        "docs/respijt.txt",
        "Respijtmiddag\n\nDe provincie organiseert een respijtmiddag voor gemeenten.\n",
    );
    env.index(&["docs"]);
    let server = Server::start(&env);
    let port = free_port();
    let _driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = tempfile::tempdir().expect("profile dir");
    let client = connect(port, profile.path()).await;

    // 1. Type a query and press Enter (keyboard only).
    client
        .goto(&format!("{}/", server.url))
        .await
        .expect("open");
    let q = client
        .wait()
        .for_element(Locator::Css("#q"))
        .await
        .expect("search box");
    q.send_keys("eenzaamheid\u{E007}").await.expect("type");
    wait_for(
        &client,
        "location.search.includes('q=eenzaamheid') && document.querySelector('#count')",
    )
    .await;
    let all = text_of(&client, "#count").await;
    let hits_all = client.find_all(Locator::Css(".hit")).await.unwrap().len();
    assert!(all.contains("van 3 documenten"), "{all}");
    shot(&client, "01-query").await;

    // 2. Tick a province: the counts and the hits change.
    client
        .find(Locator::Css(
            "fieldset[data-facet=province] input[value=Flevoland]",
        ))
        .await
        .expect("a Flevoland box")
        .click()
        .await
        .expect("tick");
    wait_for(&client, "location.search.includes('province=Flevoland') && document.querySelector('#count') && !document.querySelector('#count').textContent.includes('van 3 ')").await;
    let flevoland = text_of(&client, "#count").await;
    assert!(flevoland.contains("van 2 documenten"), "{flevoland}");
    assert!(client.find_all(Locator::Css(".hit")).await.unwrap().len() < hits_all);
    let province_box = text_of(&client, "fieldset[data-facet=province]").await;
    assert!(
        province_box.contains("Flevoland") && province_box.contains("(2)"),
        "{province_box}"
    );
    shot(&client, "02-province").await;

    // 3. Tick a theme as well.
    client
        .find(Locator::Css(
            "fieldset[data-facet=theme] input[value=vrijwilligers]",
        ))
        .await
        .expect("a theme box")
        .click()
        .await
        .expect("tick");
    wait_for(&client, "location.search.includes('theme=vrijwilligers') && document.querySelector('#count') && document.querySelector('#count').textContent.includes('van 1 ')").await;
    let titles = text_of(&client, "main").await;
    assert!(
        titles.contains("Stand van zaken herijking sociaal domein"),
        "{titles}"
    );
    shot(&client, "03-theme").await;

    // The state is in the URL: reloading it gives the same page.
    let url = client.current_url().await.unwrap();
    assert!(
        url.as_str().contains("province=Flevoland") && url.as_str().contains("theme=vrijwilligers")
    );
    client.goto(url.as_str()).await.unwrap();
    wait_for(&client, "document.querySelector('#count') && document.querySelector('#count').textContent.includes('van 1 ')").await;

    // 4. Open the document.
    client
        .find(Locator::Css(".hit-title"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&client, "document.querySelector('#doc-title') && document.querySelectorAll('#doc-body mark').length > 0").await;
    assert_eq!(
        text_of(&client, "#doc-title").await,
        "Stand van zaken herijking sociaal domein"
    );
    let evidence = text_of(&client, "table.evidence").await;
    assert!(evidence.contains("Flevoland"), "{evidence}");
    wait_for(
        &client,
        "document.querySelectorAll('#similar-list a').length > 0",
    )
    .await;
    shot(&client, "04-document").await;

    // 5. Follow a similar document.
    let similar = client.find(Locator::Css("#similar-list a")).await.unwrap();
    let similar_title = similar.text().await.unwrap();
    similar.click().await.unwrap();
    wait_for(&client, &format!("document.querySelector('#doc-title') && document.querySelector('#doc-title').textContent === {}", json!(similar_title))).await;
    shot(&client, "05-similar").await;

    // 6. The CSV the results page links to.
    client.back().await.unwrap();
    client.back().await.unwrap();
    wait_for(&client, "document.querySelector('#csv')").await;
    let csv_href = client
        .find(Locator::Css("#csv"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .expect("a CSV link");
    let (status, csv) = server.get(&csv_href);
    assert_eq!(status, 200);
    assert!(
        csv.starts_with("path,title,year,provinces,themes,roles,score,page,author\n"),
        "{csv}"
    );
    assert!(
        csv.contains("Stand van zaken herijking sociaal domein"),
        "{csv}"
    );
    shot(&client, "06-results-with-csv-link").await;

    // 7. A document with markup in its text: shown as text, nothing runs.
    client
        .goto(&format!(
            "{}/?q=eenzaamheid&doc=docs%2Fkwaadaardig.txt",
            server.url
        ))
        .await
        .unwrap();
    wait_for(&client, "document.querySelector('#doc-body')").await;
    let body = text_of(&client, "#doc-body").await;
    assert!(body.contains("<script>alert(1)</script>"), "{body}");
    assert!(
        body.contains("<img src=x onerror=\"window.__pwned=1\">"),
        "{body}"
    );
    let ran = client
        .execute("return [typeof window.__pwned, document.querySelectorAll('#doc-body img, #doc-body script, #doc-body b').length];", vec![])
        .await
        .unwrap();
    assert_eq!(
        ran,
        json!(["undefined", 0]),
        "markup from the document became elements"
    );
    assert!(client.get_alert_text().await.is_err(), "an alert opened");
    shot(&client, "07-markup-as-text").await;

    // 8. English, and a phone-sized window.
    client
        .goto(&format!("{}/?q=eenzaamheid&lang=en", server.url))
        .await
        .unwrap();
    wait_for(&client, "document.querySelector('#count') && document.querySelector('#count').textContent.includes('of 3 documents')").await;
    client.set_window_size(390, 844).await.unwrap();
    shot(&client, "08-english-phone").await;

    // 9. Fewer documents than a page hold all the words: the page goes on with those that hold
    //    most of them, after a divider, and the count stays that of the full matches.
    client
        .goto(&format!("{}/?q=respijtmiddag+provincie", server.url))
        .await
        .unwrap();
    wait_for(
        &client,
        "document.querySelector('#count') && document.querySelector('#most')",
    )
    .await;
    let divider = text_of(&client, "#most").await;
    assert!(
        divider.contains("Alleen 1 document bevat alle woorden"),
        "{divider}"
    );
    let count = text_of(&client, "#count").await;
    assert!(count.contains("1–1 van 1 documenten"), "{count}");
    let order = client
        .execute(
            "const main = [...document.querySelector('#results').children]; \
             return [main.findIndex((e) => e.id === 'most'), \
                     main.filter((e) => e.classList.contains('hit')).length];",
            vec![],
        )
        .await
        .unwrap();
    let (at, hits) = (order[0].as_i64().unwrap(), order[1].as_i64().unwrap());
    assert_eq!(
        at, 2,
        "the divider follows the bar and the one full match: {order}"
    );
    assert!(hits > 1, "hits after the divider: {order}");
    shot(&client, "09-most-of-the-words").await;

    client.close().await.unwrap();
}
