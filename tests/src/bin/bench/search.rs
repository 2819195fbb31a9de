//! Search figures: the size of the search index and, for each query of [`QUERIES`], the bytes a
//! query fetches and the time the model's matching and ranking take natively.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use budget_model::search::{
    candidates, doc_bucket, doc_bucket_path, matching_docs, query_shard_keys, rank, shard_path, Doc, DocShard,
    SearchIndex, TokenShard, SEARCH_INDEX_FILE,
};

use crate::{kib, median, sizes_of_files, Sizes};

/// Queries taken from the real snapshot: supplier names with and without Hebrew prefix
/// letters, ministry names, a budget code in both spellings, a company number, English words
/// and tender subjects. The corpus has no Arabic titles, so no query is in Arabic.
pub const QUERIES: [&str; 20] = [
    "רכבת ישראל",
    "לרכבת ישראל",
    "אגד",
    "ותנובה",
    "מיקרוסופט",
    "למיקרוסופט",
    "עירית חיפה",
    "בעירית ירושלים",
    "משרד החינוך",
    "משרד הבריאות",
    "המשרד לביטחון לאומי",
    "20241447",
    "20-24-14-47",
    "2024",
    "520043613",
    "OECD",
    "Microsoft",
    "Data Center",
    "אספקת טרקטור חקלאי",
    "קנאביס רפואי",
];

/// Results shown per kind of document, so at most 20 results in all.
// NOTE: the app has no search page yet, so this page size is an assumption. The Pagefind
// column loads the data of `PAGE_RESULTS` results to match it.
pub const RESULTS_PER_KIND: usize = 5;

/// Results whose data a first page loads: four kinds times [`RESULTS_PER_KIND`].
pub const PAGE_RESULTS: usize = 4 * RESULTS_PER_KIND;

/// Runs of each query whose median time is printed.
const RUNS: usize = 50;

/// The search files of the snapshot, parsed, with the size of each file.
pub struct SearchFiles {
    index: SearchIndex,
    index_sizes: Sizes,
    shards: BTreeMap<String, TokenShard>,
    shard_sizes: BTreeMap<String, Sizes>,
    buckets: Vec<DocShard>,
    bucket_sizes: Vec<Sizes>,
}

impl SearchFiles {
    /// Reads and parses every search file under `data`.
    pub fn load(data: &Path) -> SearchFiles {
        let index: SearchIndex = read_json(&data.join(SEARCH_INDEX_FILE));
        let keys: Vec<String> = index.shards.keys().cloned().collect();
        let mut paths = vec![data.join(SEARCH_INDEX_FILE)];
        paths.extend(keys.iter().map(|key| data.join(shard_path(key))));
        paths.extend((0..index.doc_buckets.len() as u32).map(|bucket| data.join(doc_bucket_path(bucket))));
        let sizes = sizes_of_files(&paths);

        let shards = keys.iter().map(|key| (key.clone(), read_json(&data.join(shard_path(key))))).collect();
        let shard_sizes = keys.iter().cloned().zip(sizes[1..=keys.len()].iter().copied()).collect();
        let buckets = (0..index.doc_buckets.len() as u32).map(|bucket| read_json(&data.join(doc_bucket_path(bucket)))).collect();
        let bucket_sizes = sizes[keys.len() + 1..].to_vec();
        SearchFiles { index, index_sizes: sizes[0], shards, shard_sizes, buckets, bucket_sizes }
    }

    /// Returns all documents of the snapshot, by ascending id.
    pub fn docs(&self) -> impl Iterator<Item = &Doc> {
        self.buckets.iter().flat_map(|bucket| bucket.docs.iter())
    }

    /// Returns the documents with the given ids, from the loaded buckets.
    fn docs_with_ids(&self, ids: &[u32]) -> Vec<Doc> {
        let wanted: BTreeSet<u32> = ids.iter().copied().collect();
        let buckets: BTreeSet<u32> = ids.iter().map(|id| doc_bucket(*id)).collect();
        buckets
            .into_iter()
            .filter_map(|bucket| self.buckets.get(bucket as usize))
            .flat_map(|shard| shard.docs.iter().filter(|doc| wanted.contains(&doc.id)).cloned())
            .collect()
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &PathBuf) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{} is invalid: {error}", path.display()))
}

/// What one query costs: the files it fetches, their size and the time to match and rank.
pub struct QueryCost {
    pub query: &'static str,
    pub matches: usize,
    pub shown: usize,
    pub files: usize,
    pub sizes: Sizes,
    pub median_ms: f64,
}

/// Fetches and times `query` the way the module documentation of `budget_model::search`
/// describes: the index file, the token shards of `query_shard_keys`, then the documents files
/// of the candidates shown.
fn measure(files: &SearchFiles, query: &'static str) -> QueryCost {
    let mut sizes = files.index_sizes;
    let mut file_count = 1;
    let loaded: BTreeMap<String, TokenShard> = query_shard_keys(query)
        .into_iter()
        .filter_map(|key| Some((key.clone(), files.shards.get(&key)?.clone())))
        .collect();
    for key in loaded.keys() {
        sizes.add(&files.shard_sizes[key]);
        file_count += 1;
    }
    let matching = matching_docs(query, &loaded);
    let shown = candidates(&matching, &files.index.kinds, RESULTS_PER_KIND);
    let buckets: BTreeSet<u32> = shown.iter().map(|id| doc_bucket(*id)).collect();
    for bucket in &buckets {
        sizes.add(&files.bucket_sizes[*bucket as usize]);
        file_count += 1;
    }

    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let matching = matching_docs(query, &loaded);
        let shown = candidates(&matching, &files.index.kinds, RESULTS_PER_KIND);
        let groups = rank(query, files.docs_with_ids(&shown));
        std::hint::black_box(groups);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    QueryCost { query, matches: matching.len(), shown: shown.len(), files: file_count, sizes, median_ms: median(&mut times) }
}

/// Prints the index size and the cost of every query, and returns the costs.
pub fn print_search_figures(files: &SearchFiles) -> Vec<QueryCost> {
    let mut total = files.index_sizes;
    files.shard_sizes.values().chain(&files.bucket_sizes).for_each(|sizes| total.add(sizes));
    println!(
        "Search index: {} documents, {} token shards, {} documents files",
        files.index.doc_count,
        files.shard_sizes.len(),
        files.bucket_sizes.len()
    );
    println!("  {:<26} {:>12} / {:>12} / {:>12}   (raw / gzip / brotli)", "all search files", kib(total.raw), kib(total.gzip), kib(total.brotli));
    println!("  {:<26} {:>12} / {:>12} / {:>12}", "search/index.json", kib(files.index_sizes.raw), kib(files.index_sizes.gzip), kib(files.index_sizes.brotli));
    print_spread("token shard", files.shard_sizes.values().copied().collect());
    print_spread("documents file", files.bucket_sizes.clone());
    println!();

    println!(
        "Search queries: bytes fetched (search/index.json + token shards + documents files of at most {RESULTS_PER_KIND} results per kind, \
         brotli as a static host would serve them) and the median of {RUNS} native runs of matching_docs, candidates and rank \
         over the loaded files (native Rust on this machine, not in the browser):"
    );
    println!("  {:<24} {:>8} {:>6} {:>6} {:>12} {:>12} {:>10}", "query", "matches", "shown", "files", "raw", "brotli", "time");
    let costs: Vec<QueryCost> = QUERIES.iter().map(|query| measure(files, query)).collect();
    for cost in &costs {
        println!(
            "  {:<24} {:>8} {:>6} {:>6} {:>12} {:>12} {:>8.3} ms",
            cost.query,
            cost.matches,
            cost.shown,
            cost.files,
            kib(cost.sizes.raw),
            kib(cost.sizes.brotli),
            cost.median_ms
        );
    }
    let mut brotli: Vec<f64> = costs.iter().map(|cost| cost.sizes.brotli as f64).collect();
    let mut times: Vec<f64> = costs.iter().map(|cost| cost.median_ms).collect();
    println!(
        "  median over the {} queries: {} brotli, {:.3} ms",
        costs.len(),
        kib(median(&mut brotli) as u64),
        median(&mut times)
    );
    println!();
    costs
}

fn print_spread(name: &str, mut sizes: Vec<Sizes>) {
    if sizes.is_empty() {
        return;
    }
    let mut pick = |field: fn(&Sizes) -> u64| {
        sizes.sort_by_key(field);
        (field(&sizes[sizes.len() / 2]), field(&sizes[sizes.len() - 1]))
    };
    let raw = pick(|sizes| sizes.raw);
    let gzip = pick(|sizes| sizes.gzip);
    let brotli = pick(|sizes| sizes.brotli);
    println!("  {:<26} {:>12} / {:>12} / {:>12}   median", name, kib(raw.0), kib(gzip.0), kib(brotli.0));
    println!("  {:<26} {:>12} / {:>12} / {:>12}   max", "", kib(raw.1), kib(gzip.1), kib(brotli.1));
}

/// Opens the results page of a query from a loaded app and calls back with the milliseconds
/// until its results or its empty-result note render (`data-query` names the query they are
/// for), or -1 after 20 s.
const TIME_QUERY: &str = r#"
const [hash, query, done] = arguments;
const wanted = CSS.escape(query);
const selector = `[data-testid=search-results][data-query="${wanted}"], [data-testid=search-empty][data-query="${wanted}"]`;
const started = performance.now();
location.hash = hash;
const check = () => {
  if (document.querySelector(selector)) {
    done(performance.now() - started);
  } else if (performance.now() - started > 20000) {
    done(-1);
  } else {
    requestAnimationFrame(check);
  }
};
requestAnimationFrame(check);
"#;

/// Times each query of [`QUERIES`] on the app's results page in headless Chromium: the app is
/// loaded and the query's search files are fetched from the local server as the query needs
/// them, so the figure is the latency a reader sees after the first load.
pub async fn print_browser_search(dist: &Path) {
    let session = browser_tests::browser::Session::start_at(dist.to_path_buf(), "he").await;
    session.open("#/he/search").await;
    let ready = "[data-view=search]";
    let wait = "const [selector, done] = arguments; const check = () => document.querySelector(selector) \
                ? done(true) : requestAnimationFrame(check); check();";
    session.client.execute_async(wait, vec![ready.into()]).await.expect("the search page");
    let mut times = Vec::new();
    println!("Search in the app (headless Chromium, results page, {PAGE_RESULTS_IN_APP} results per kind, app loaded first):");
    for query in QUERIES {
        let hash = budget_model::route::Route::Search { locale: budget_model::Locale::He, query: query.to_string() }.to_hash();
        let value = session.client.execute_async(TIME_QUERY, vec![hash.into(), query.into()]).await.expect("a timed query");
        let ms = value.as_f64().unwrap_or(-1.0);
        println!("  {:<24} {:>8.1} ms", query, ms);
        if ms >= 0.0 {
            times.push(ms);
        }
    }
    println!("  median over {} queries: {:.1} ms (target: at most 50 ms)", times.len(), median(&mut times));
    println!();
    session.close().await;
}

/// Results of each kind on the app's results page (`PER_KIND_ON_PAGE` in the app).
const PAGE_RESULTS_IN_APP: usize = 50;
