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

/// chromedriver on a free port and a headless Chromium session on it, with its own profile; the
/// driver and the profile go when dropped.
async fn open_browser() -> (Driver, tempfile::TempDir, Client) {
    let port = free_port();
    let driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = tempfile::tempdir().expect("profile dir");
    let client = connect(port, profile.path()).await;
    (driver, profile, client)
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
    let (_driver, _profile, client) = open_browser().await;

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

/// axe-core's script (from the npm registry: `.ci/run` unpacks it into `target/axe`), or `None`
/// (then the check says so, and fails under `NOTA_REQUIRE_BROWSER=1`).
fn axe_source() -> Option<String> {
    let path = std::env::var_os("NOTA_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe/package/axe.min.js")
        });
    let source = std::fs::read_to_string(&path).ok();
    if source.is_none() {
        let required = std::env::var("NOTA_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "axe-core is missing at {} (npm pack axe-core, as .ci/run does)",
            path.display()
        );
        eprintln!("SKIPPED: the accessibility check needs {}", path.display());
    }
    source
}

/// The serious and critical accessibility violations axe-core finds on the page shown.
async fn axe_violations(client: &Client, axe: &str) -> Vec<String> {
    client
        .execute(&format!("{axe}\n;return true;"), vec![])
        .await
        .expect("axe loads");
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations \
               .filter((v) => v.impact === 'serious' || v.impact === 'critical') \
               .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));",
            vec![],
        )
        .await
        .expect("axe runs");
    serde_json::from_value(found).expect("a list of violations")
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css} is on the page"))
        .click()
        .await
        .unwrap_or_else(|_| panic!("{css} can be clicked"));
}

async fn eval(client: &Client, script: &str) -> serde_json::Value {
    client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Opens `path` of the server and waits until `probe` holds.
async fn visit(client: &Client, server: &Server, path: &str, probe: &str) {
    client
        .goto(&format!("{}{path}", server.url))
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    wait_for(client, probe).await;
}

/// Both widths' screenshots of the page shown.
async fn shots(client: &Client, name: &str) {
    for (width, height) in [(1400, 900), (390, 844)] {
        client.set_window_size(width, height).await.unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
        shot(client, &format!("{name}-{width}")).await;
    }
    client.set_window_size(1400, 900).await.unwrap();
}

/// The search page as a civil servant uses it all day: filters that compare (two provinces,
/// chips, "Meer tonen", the year bars), help when nothing or little matches ("Bedoelde u", the
/// drop-a-word links), a Markdown document rendered with its headings and bold, next and previous
/// hit, back to the same hit, page 2 from its top, the phone's filters button, and no serious
/// accessibility violations on the start, results and document pages. Screenshots of each step at
/// 1400 and 390 px go to `target/screenshots/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_compares_helps_renders_and_fits_a_phone() {
    if !browser_available() {
        return;
    }
    let axe = axe_source();
    let env = Env::with_corpus();
    env.write(
        "docs/plan.md",
        "# Mantelzorg in Flevoland\n\nDe provincie Flevoland steunt **mantelzorgers** met \
         respijtzorg.\n\n## Wat we doen\n\n- mantelzorg in kleine kernen\n- een **steunpunt** \
         voor mantelzorg\n\nGedeputeerde Staten van Flevoland, 2023. Mantelzorg blijft nodig.\n",
    );
    env.index(&["docs"]);
    let server = Server::start(&env);
    let (_driver, _profile, client) = open_browser().await;
    client.set_window_size(1400, 900).await.unwrap();
    let count =
        "document.querySelector('#count') ? document.querySelector('#count').textContent : ''";

    // The start page passes the accessibility check.
    visit(&client, &server, "/", "document.querySelector('#count')").await;
    if let Some(axe) = &axe {
        let found = axe_violations(&client, axe).await;
        assert!(found.is_empty(), "start page: {found:?}");
    }

    // 1. Two provinces ticked: both lists keep their counts, the hits are either's.
    visit(
        &client,
        &server,
        "/?q=provincie",
        "document.querySelectorAll('.hit').length > 0",
    )
    .await;
    let before: serde_json::Value = eval(&client, "return [...document.querySelectorAll('fieldset[data-facet=province] label.value')].map((l) => [l.dataset.value, l.querySelector('.count').textContent]);").await;
    click(
        &client,
        "fieldset[data-facet=province] input[value=Flevoland]",
    )
    .await;
    wait_for(
        &client,
        "location.search.includes('province=Flevoland') && document.querySelector('#chips')",
    )
    .await;
    click(
        &client,
        "fieldset[data-facet=province] input[value=Utrecht]",
    )
    .await;
    wait_for(&client, "location.search.includes('province=Utrecht') && document.querySelectorAll('#chips .chip').length === 2").await;
    let after = eval(&client, "return [...document.querySelectorAll('fieldset[data-facet=province] label.value')].map((l) => [l.dataset.value, l.querySelector('.count').textContent]);").await;
    assert_eq!(
        before, after,
        "with both ticked, each province keeps the count it had unticked"
    );
    assert_eq!(
        eval(&client, "return document.activeElement.value;").await,
        json!("Utrecht"),
        "the focus stays on the box just ticked"
    );
    let checked = eval(&client, "return [...document.querySelectorAll('fieldset[data-facet=province] input:checked')].map((i) => i.value);").await;
    assert_eq!(checked, json!(["Flevoland", "Utrecht"]));
    let counts: std::collections::HashMap<String, String> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
        .collect();
    let n = |p: &str| -> u64 { counts[p].trim_matches(['(', ')']).parse().unwrap() };
    let total = eval(&client, &format!("return {count};")).await;
    assert!(
        total
            .as_str()
            .unwrap()
            .contains(&format!("van {} documenten", n("flevoland") + n("utrecht"))),
        "{total} (the two provinces share no document in the samples)"
    );
    shots(&client, "19-01-two-provinces").await;
    if let Some(axe) = &axe {
        let found = axe_violations(&client, axe).await;
        assert!(found.is_empty(), "results page: {found:?}");
    }

    // 2. A chip removed: Utrecht goes, Flevoland stays; "Wis alle filters" is offered.
    click(&client, "button.chip-remove[aria-label*=Utrecht]").await;
    wait_for(&client, "!location.search.includes('Utrecht') && document.querySelectorAll('#chips .chip').length === 1").await;
    assert!(eval(&client, "return location.search.includes('province=Flevoland') && !!document.querySelector('#clear-all');").await == json!(true));
    shots(&client, "19-02-chip-removed").await;
    click(&client, "#clear-all").await;
    wait_for(
        &client,
        "!document.querySelector('#chips') && !location.search.includes('province')",
    )
    .await;

    // 3. "Meer tonen" on a long list opens it whole, with a box to filter it.
    let shown =
        "document.querySelectorAll('fieldset[data-facet=theme] label.value:not(.hidden)').length";
    let closed = eval(&client, &format!("return {shown};")).await;
    click(&client, "fieldset[data-facet=theme] button.more").await;
    wait_for(
        &client,
        "document.querySelector('fieldset[data-facet=theme] .facet-filter')",
    )
    .await;
    let open = eval(&client, &format!("return {shown};")).await;
    assert!(open.as_u64() > closed.as_u64(), "{closed} → {open}");
    client
        .find(Locator::Css("fieldset[data-facet=theme] .facet-filter"))
        .await
        .unwrap()
        .send_keys("zorg")
        .await
        .unwrap();
    let names = eval(&client, "return [...document.querySelectorAll('fieldset[data-facet=theme] label.value:not(.hidden)')].map((l) => l.dataset.value);").await;
    let names = names.as_array().unwrap();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.as_str().unwrap().contains("zorg")),
        "{names:?}"
    );
    shots(&client, "19-03-more").await;

    // 4. A year bar clicked filters on that year.
    let year = eval(&client, "const b = [...document.querySelectorAll('.histogram .year-bar')].find((b) => !b.disabled); b.click(); return String(b.dataset.year);").await;
    let year = year.as_str().unwrap().to_string();
    wait_for(&client, &format!("location.search.includes('year={year}') && document.querySelector('.histogram .year-bar.on')")).await;
    let years = eval(&client, "return [...document.querySelectorAll('.hit .meta')].map((m) => m.textContent).join(' | ');").await;
    assert!(years.as_str().unwrap().contains(&year), "{years}");
    shots(&client, "19-04-year-bar").await;

    // 5. A typo: "Bedoelde u jeugdzorg?", and the link searches it.
    visit(
        &client,
        &server,
        "/?q=jeugdzorgg",
        "document.querySelector('#suggestion')",
    )
    .await;
    let suggestion = text_of(&client, "#suggestion").await;
    assert!(
        suggestion.starts_with("Bedoelde u jeugdzorg?"),
        "{suggestion}"
    );
    shots(&client, "19-05-did-you-mean").await;
    click(&client, "#suggestion-link").await;
    wait_for(&client, "location.search.includes('q=jeugdzorg') && !location.search.includes('jeugdzorgg') && document.querySelectorAll('.hit').length > 0").await;

    // 6. No hits: a link per word that, dropped, finds something, with its count.
    visit(
        &client,
        &server,
        "/?q=eenzaamheid+kernfusie",
        "document.querySelector('#relaxations')",
    )
    .await;
    assert!(text_of(&client, "#count")
        .await
        .contains("Geen documenten gevonden"));
    let relax = text_of(&client, "#relaxations").await;
    assert!(
        relax.contains("zonder “kernfusie”") && relax.contains("documenten"),
        "{relax}"
    );
    shots(&client, "19-06-drop-a-word").await;
    click(&client, ".relax-link[data-drop=word]").await;
    wait_for(&client, "location.search.includes('q=eenzaamheid') && !location.search.includes('kernfusie') && document.querySelectorAll('.hit').length > 0").await;

    // 7. A Markdown document: headings and bold rendered, next and previous hit.
    visit(
        &client,
        &server,
        "/?q=mantelzorg&doc=docs%2Fplan.md",
        "document.querySelector('#doc-body mark')",
    )
    .await;
    let rendered = eval(&client, "const b = document.querySelector('#doc-body'); return [b.querySelector('h3') && b.querySelector('h3').textContent, b.querySelector('h4') && b.querySelector('h4').textContent, [...b.querySelectorAll('strong')].map((s) => s.textContent), b.querySelectorAll('li').length, b.textContent.includes('**') || b.textContent.includes('#')];").await;
    assert_eq!(
        rendered,
        json!([
            "Mantelzorg in Flevoland",
            "Wat we doen",
            ["mantelzorgers", "steunpunt"],
            2,
            false
        ])
    );
    let marks = eval(
        &client,
        "return document.querySelectorAll('#doc-body mark').length;",
    )
    .await;
    assert!(marks.as_u64().unwrap() >= 3, "{marks}");
    click(&client, "#next-mark").await;
    click(&client, "#next-mark").await;
    assert_eq!(
        eval(&client, "return [...document.querySelectorAll('#doc-body mark')].findIndex((m) => m.classList.contains('current'));").await,
        json!(1)
    );
    assert!(text_of(&client, "#mark-status")
        .await
        .starts_with("treffer 2 van"));
    click(&client, "#prev-mark").await;
    assert!(text_of(&client, "#mark-status")
        .await
        .starts_with("treffer 1 van"));
    let why = text_of(&client, "table.evidence").await;
    for english in [
        "date at the",
        "writing date",
        "no kind named",
        "a provincial",
    ] {
        assert!(!why.contains(english), "{english} in {why}");
    }
    assert!(why.contains("een provinciale mededeling"), "{why}");
    shots(&client, "19-07-markdown-document").await;
    if let Some(axe) = &axe {
        let found = axe_violations(&client, axe).await;
        assert!(found.is_empty(), "document page: {found:?}");
    }

    // 8. Back from a document to the same hit.
    visit(
        &client,
        &server,
        "/?q=provincie",
        "document.querySelectorAll('.hit').length >= 4",
    )
    .await;
    let path = eval(&client, "const h = document.querySelectorAll('.hit')[3]; h.querySelector('.hit-title').click(); return h.dataset.path;").await;
    wait_for(&client, "document.querySelector('#doc-title')").await;
    click(&client, "#back").await;
    wait_for(&client, "document.querySelector('.hit.returned')").await;
    let back = eval(&client, "const h = document.querySelector('.hit.returned'); const r = h.getBoundingClientRect(); return [h.dataset.path, document.activeElement === h.querySelector('.hit-title'), r.top >= 0 && r.bottom <= innerHeight];").await;
    assert_eq!(back, json!([path, true, true]));
    shots(&client, "19-08-back-to-the-hit").await;

    // 9. "Volgende →" opens the next page at its top.
    visit(
        &client,
        &server,
        "/?q=provincie&limit=2",
        "document.querySelector('#next')",
    )
    .await;
    eval(
        &client,
        "window.scrollTo(0, document.body.scrollHeight); return 1;",
    )
    .await;
    click(&client, "#next").await;
    wait_for(
        &client,
        "location.search.includes('page=2') && document.querySelectorAll('.hit').length > 0",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(eval(&client, "return window.scrollY;").await, json!(0));

    // 10. A phone: a one-row header, the filters behind a button above the results, tap
    //     targets of 44 px, nothing wider than the screen.
    client.set_window_size(390, 844).await.unwrap();
    visit(
        &client,
        &server,
        "/?q=provincie&province=Flevoland",
        "document.querySelectorAll('.hit').length > 0",
    )
    .await;
    let phone = eval(&client, "const t = document.querySelector('#filters-toggle'); return [t.offsetParent !== null, t.textContent, document.querySelector('#filters').offsetParent === null, document.querySelector('header').getBoundingClientRect().height < 64, document.documentElement.scrollWidth <= innerWidth];").await;
    assert_eq!(phone, json!([true, "Filters (1)", true, true, true]));
    shot(&client, "19-10-phone-closed").await;
    click(&client, "#filters-toggle").await;
    let opened = eval(&client, "const a = document.querySelector('#filters'); const hit = document.querySelector('.hit'); const small = [...document.querySelectorAll('#filters label.value, #filters button, #filters-toggle, #q, #go')].filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 44).map((e) => e.id || e.className); return [a.offsetParent !== null, a.getBoundingClientRect().top < hit.getBoundingClientRect().top, small, document.documentElement.scrollWidth <= innerWidth];").await;
    assert_eq!(opened, json!([true, true, [], true]));
    shot(&client, "19-10-phone-filters").await;
    visit(
        &client,
        &server,
        "/?q=mantelzorg&doc=docs%2Fplan.md",
        "document.querySelector('table.evidence')",
    )
    .await;
    assert_eq!(
        eval(
            &client,
            "return document.documentElement.scrollWidth <= innerWidth;"
        )
        .await,
        json!(true),
        "the document page fits the phone"
    );
    shot(&client, "19-10-phone-document").await;

    client.close().await.unwrap();
}
