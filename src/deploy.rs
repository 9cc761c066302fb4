//! What a release build writes beside its pages so that the site is served well in production:
//! the response headers for each kind of host, from one table (`deploy/headers.toml`), with a
//! Content-Security-Policy that allows exactly the inline scripts the build wrote; precompressed
//! copies of the files (`.gz` and `.br`); and `sitemap.xml` / `robots.txt` when the site's
//! address is known. Pure functions over text and bytes, so the pre-renderer's tests cover them.

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::Path;

/// The header table, as `deploy/headers.toml` gives it (names in the file's order).
#[derive(Debug, Clone)]
pub struct HeaderTable {
    /// Sent with every response, `(name, value)`.
    pub headers: Vec<(String, String)>,
    /// The Content-Security-Policy's directives, `(name, value)`, the value may hold
    /// `{script-hashes}`.
    pub csp: Vec<(String, String)>,
    /// `Cache-Control` for files whose name carries a content hash.
    pub immutable: String,
    /// `Cache-Control` for everything else.
    pub revalidate: String,
}

/// The placeholder in the table that becomes the inline scripts' hashes.
const HASHES: &str = "{script-hashes}";

/// The names of files that never change, as a regular expression over the path, for servers
/// that match with one (nginx). [`is_immutable`] says the same in Rust; the browser tests check
/// that nginx and the `_headers` file agree with it on the built site.
pub const IMMUTABLE_PATTERN: &str = r"-[0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$";

/// Whether a file's name ends with a content hash, as Trunk's (`main-0123456789abcdef.css`),
/// the tool bundles' (`shipshape-lab-…_bg.wasm`) and the search indexes' names do. Trunk writes
/// its 64-bit hash without leading zeros, so a hash has 8 to 16 hexadecimal digits here.
pub fn is_immutable(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if ext.is_empty()
        || !ext
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    (8..=16).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl HeaderTable {
    /// Reads the table; every value must be one line without `"` or `\`, so that it can be
    /// written into each host's format without escaping.
    pub fn parse(text: &str) -> Result<HeaderTable, String> {
        // The order of the file is kept: TOML tables are read line by line here, as the file
        // is a flat list of `name = "value"` lines under three headings.
        let mut section = String::new();
        let mut headers = Vec::new();
        let mut csp = Vec::new();
        let (mut immutable, mut revalidate) = (None, None);
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let at = || format!("deploy/headers.toml:{}", n + 1);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                continue;
            }
            let (key, value) = line
                .split_once('=')
                .ok_or_else(|| format!("{}: expected `name = \"value\"`", at()))?;
            let key = key.trim().to_string();
            let value = value
                .trim()
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .ok_or_else(|| format!("{}: the value must be a quoted string", at()))?;
            if value.contains(['"', '\\']) {
                return Err(format!("{}: a value cannot hold `\"` or `\\`", at()));
            }
            if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return Err(format!(
                    "{}: `{key}` is not a header or directive name",
                    at()
                ));
            }
            let value = value.to_string();
            match section.as_str() {
                "headers" => headers.push((key, value)),
                "content-security-policy" => csp.push((key, value)),
                "cache-control" => match key.as_str() {
                    "immutable" => immutable = Some(value),
                    "revalidate" => revalidate = Some(value),
                    other => return Err(format!("{}: unknown cache class `{other}`", at())),
                },
                other => return Err(format!("{}: unknown section `[{other}]`", at())),
            }
        }
        if csp.is_empty() {
            return Err("deploy/headers.toml: no [content-security-policy]".into());
        }
        Ok(HeaderTable {
            headers,
            csp,
            immutable: immutable.ok_or("deploy/headers.toml: no cache-control.immutable")?,
            revalidate: revalidate.ok_or("deploy/headers.toml: no cache-control.revalidate")?,
        })
    }

    /// The Content-Security-Policy with these inline scripts' hashes. With `for_meta`, the
    /// directives a `<meta>` element cannot carry (`frame-ancestors`) are left out.
    pub fn csp(&self, hashes: &[String], for_meta: bool) -> String {
        let hashes = hashes
            .iter()
            .map(|h| format!("'{h}'"))
            .collect::<Vec<_>>()
            .join(" ");
        self.csp
            .iter()
            .filter(|(name, _)| !(for_meta && name == "frame-ancestors"))
            .map(|(name, value)| {
                let value = value.replace(HASHES, &hashes);
                format!(
                    "{name} {}",
                    value.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Every header sent with every response, the policy included.
    fn all(&self, hashes: &[String]) -> Vec<(String, String)> {
        let mut all = vec![(
            "Content-Security-Policy".to_string(),
            self.csp(hashes, false),
        )];
        all.extend(self.headers.iter().cloned());
        all
    }

    /// Netlify's and Cloudflare Pages' `_headers`: the common headers for every path, then
    /// `Cache-Control` for each hashed file by name. (Both hosts join the values of a header
    /// that several rules set, so each file gets exactly one rule for it; pages keep the
    /// hosts' own revalidating default.)
    pub fn netlify(&self, hashes: &[String], files: &[String]) -> String {
        let mut out = String::from("# Written by the build from deploy/headers.toml.\n/*\n");
        for (name, value) in self.all(hashes) {
            let _ = writeln!(out, "  {name}: {value}");
        }
        for file in files {
            if is_immutable(file) {
                let _ = writeln!(out, "/{file}\n  Cache-Control: {}", self.immutable);
            }
        }
        out
    }

    /// The `http`-level part of the nginx configuration: a map from the path to its
    /// `Cache-Control`, and every header, sent with error pages too (`always`).
    pub fn nginx(&self, hashes: &[String]) -> String {
        let mut out = String::from(
            "# Written by the build from deploy/headers.toml; included by deploy/nginx/nginx.conf.\n",
        );
        let _ = writeln!(
            out,
            "map $uri $shipshape_cache_control {{\n    default \"{}\";\n    \"~{}\" \"{}\";\n}}",
            self.revalidate, IMMUTABLE_PATTERN, self.immutable
        );
        for (name, value) in self.all(hashes) {
            let _ = writeln!(out, "add_header {name} \"{value}\" always;");
        }
        out.push_str("add_header Cache-Control $shipshape_cache_control always;\n");
        out
    }

    /// A CloudFront response headers policy (`aws cloudfront create-response-headers-policy
    /// --response-headers-policy-config file://…`): the security headers CloudFront knows by
    /// name in its own fields, the others as custom headers.
    pub fn cloudfront(&self, hashes: &[String]) -> String {
        let mut security = vec![format!(
            "\"ContentSecurityPolicy\": {{\"Override\": true, \"ContentSecurityPolicy\": \"{}\"}}",
            self.csp(hashes, false)
        )];
        let mut custom = Vec::new();
        for (name, value) in &self.headers {
            match name.as_str() {
                "X-Content-Type-Options" if value == "nosniff" => {
                    security.push("\"ContentTypeOptions\": {\"Override\": true}".into())
                }
                "Referrer-Policy" => security.push(format!(
                    "\"ReferrerPolicy\": {{\"Override\": true, \"ReferrerPolicy\": \"{value}\"}}"
                )),
                _ => custom.push(format!(
                    "{{\"Header\": \"{name}\", \"Value\": \"{value}\", \"Override\": true}}"
                )),
            }
        }
        format!(
            "{{\n  \"Name\": \"shipshape-site\",\n  \"Comment\": \"Written by the build from deploy/headers.toml\",\n  \"SecurityHeadersConfig\": {{\n    {}\n  }},\n  \"CustomHeadersConfig\": {{\"Quantity\": {}, \"Items\": [\n    {}\n  ]}}\n}}\n",
            security.join(",\n    "),
            custom.len(),
            custom.join(",\n    ")
        )
    }
}

/// The bodies of the inline scripts that a browser runs (no `src`, and no `type` or a
/// JavaScript one), in the order the page has them.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start + "<script".len()..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let attrs = &after[..open_end];
        let body_start = &after[open_end + 1..];
        let Some(close) = body_start.find("</script>") else {
            break;
        };
        let body = &body_start[..close];
        let runs = !attrs.contains("src=")
            && match attr_value(attrs, "type") {
                None => true,
                Some(t) => matches!(
                    t.to_ascii_lowercase().as_str(),
                    "module" | "text/javascript" | "application/javascript"
                ),
            };
        if runs && !body.is_empty() {
            out.push(body);
        }
        rest = &body_start[close..];
    }
    out
}

/// The value of attribute `name` in a start tag's attribute text, quoted or not.
fn attr_value<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut search = attrs;
    while let Some(i) = search.find(name) {
        let before_ok = i == 0 || search.as_bytes()[i - 1].is_ascii_whitespace();
        let rest = search[i + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim_start();
                return Some(match v.chars().next() {
                    Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                    _ => v
                        .split(|c: char| c.is_whitespace() || c == '>')
                        .next()
                        .unwrap_or(""),
                });
            }
        }
        search = &search[i + name.len()..];
    }
    None
}

/// A CSP source for an inline script: `sha256-` and the base64 of its body's SHA-256.
pub fn script_hash(body: &str) -> String {
    use base64::Engine as _;
    let digest = Sha256::digest(body.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// `sitemap.xml` for these page paths (`/en/`, `/en/replication/`, …) under the site's address.
pub fn sitemap(site: &str, paths: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let _ = writeln!(
            out,
            "  <url><loc>{}{}</loc></url>",
            xml_escape(site),
            xml_escape(path)
        );
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be read, and the sitemap is where it says.
pub fn robots(site: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {site}/sitemap.xml\n")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The kinds of file worth compressing (text and wasm; images and the search indexes are
/// compressed already, and a copy is only written when it is smaller).
const COMPRESSIBLE: &[&str] = &[
    "html",
    "css",
    "js",
    "mjs",
    "wasm",
    "svg",
    "json",
    "xml",
    "txt",
    "webmanifest",
    "bin",
];

/// What [`precompress`] did: files, and their bytes before, as gzip and as brotli.
#[derive(Debug, Default, Clone, Copy)]
pub struct Compressed {
    pub files: usize,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Writes `<file>.gz` (gzip, level 9) and `<file>.br` (brotli, quality 11) beside every
/// compressible file under `dir`, for servers that send precompressed files (nginx's
/// `gzip_static`/`brotli_static`). A copy that would not be at least 5% smaller is not written;
/// the build's own header files (`_*`) are skipped.
pub fn precompress(dir: &Path) -> Result<Compressed, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
            if !name.starts_with('_') && COMPRESSIBLE.contains(&ext) {
                files.push(path);
            }
        }
    }
    // Brotli at quality 11 is slow: every core takes a share of the files.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(workers).max(1);
    let results: Vec<Result<Compressed, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut total = Compressed::default();
                    for path in part {
                        compress_one(path, &mut total)?;
                    }
                    Ok(total)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a compression thread failed".into()))
            })
            .collect()
    });
    let mut total = Compressed::default();
    for part in results {
        let part = part?;
        total.files += part.files;
        total.raw += part.raw;
        total.gzip += part.gzip;
        total.brotli += part.brotli;
    }
    Ok(total)
}

fn compress_one(path: &Path, total: &mut Compressed) -> Result<(), String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let worth = |c: &[u8]| (c.len() as u64) * 100 < (bytes.len() as u64) * 95;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).map_err(|e| e.to_string())?;
    let gz = gz.finish().map_err(|e| e.to_string())?;
    if !worth(&gz) {
        return Ok(());
    }
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).map_err(|e| e.to_string())?;
    fs::write(format!("{}.gz", path.display()), &gz).map_err(|e| e.to_string())?;
    total.files += 1;
    total.raw += bytes.len() as u64;
    total.gzip += gz.len() as u64;
    if worth(&br) && br.len() < gz.len() {
        fs::write(format!("{}.br", path.display()), &br).map_err(|e| e.to_string())?;
        total.brotli += br.len() as u64;
    } else {
        total.brotli += gz.len() as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> HeaderTable {
        HeaderTable::parse(include_str!("../deploy/headers.toml")).expect("the table parses")
    }

    #[test]
    fn hashed_names_are_immutable_and_others_are_not() {
        for yes in [
            "shipshape-app-0123456789abcdef.js",
            "shipshape-app-0123456789abcdef_bg.wasm",
            "main-fedcba9876543210.css",
            "search/ko-00ff00ff00ff00ff.bin",
            "shipshape-app-123456789abcdef_bg.wasm",
        ] {
            assert!(is_immutable(yes), "{yes}");
        }
        for no in [
            "index.html",
            "en/replication/index.html",
            "sw.js",
            "shipshape-calc.js",
            "main-0123456789abcdeg.css",
            "main0123456789abcdef.css",
            "a-0123456789abcdef",
            "a-0123456.js",
            "a-0123456789abcdef0.js",
            "x-0123456789ABCDEF.js",
            "-0123456789abcdef.JS",
        ] {
            assert!(!is_immutable(no), "{no}");
        }
    }

    #[test]
    fn the_policy_allows_only_the_given_scripts_and_never_unsafe_inline() {
        let t = table();
        let hashes = vec![script_hash("a()"), script_hash("b()")];
        let csp = t.csp(&hashes, false);
        assert!(csp.contains(&format!("'{}'", hashes[0])), "{csp}");
        assert!(csp.contains(&format!("'{}'", hashes[1])), "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert!(!csp.contains(HASHES));
        assert!(!t.csp(&hashes, true).contains("frame-ancestors"));
    }

    #[test]
    fn a_script_hash_is_the_base64_sha256_of_its_body() {
        // The SHA-256 of the empty string, as CSP writes it.
        assert_eq!(
            script_hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn inline_scripts_are_the_ones_a_browser_runs() {
        let html = r#"<script>a()</script><script src="/x.js"></script>
            <script type="module">b()</script><script type=application/json>{"c":1}</script>
            <script type='text/javascript'>d()</script><script></script>"#;
        assert_eq!(inline_scripts(html), vec!["a()", "b()", "d()"]);
    }

    #[test]
    fn every_host_format_carries_every_header() {
        let t = table();
        let hashes = vec![script_hash("a()")];
        let files = vec![
            "index.html".to_string(),
            "shipshape-app-0123456789abcdef_bg.wasm".to_string(),
        ];
        let netlify = t.netlify(&hashes, &files);
        let nginx = t.nginx(&hashes);
        let cloudfront = t.cloudfront(&hashes);
        for (name, value) in &t.headers {
            assert!(netlify.contains(&format!("  {name}: {value}\n")), "{name}");
            assert!(nginx.contains(&format!("add_header {name} \"{value}\" always;")));
            if name != "X-Content-Type-Options" && name != "Referrer-Policy" {
                assert!(
                    cloudfront.contains(&format!("\"Header\": \"{name}\"")),
                    "{name}"
                );
            }
        }
        assert!(netlify.contains(&format!(
            "/shipshape-app-0123456789abcdef_bg.wasm\n  Cache-Control: {}",
            t.immutable
        )));
        assert!(!netlify.contains("/index.html"));
        assert!(nginx.contains(IMMUTABLE_PATTERN));
        assert!(cloudfront.contains(&t.csp(&hashes, false)));
    }

    #[test]
    fn a_bad_table_is_refused_with_its_line() {
        let err = HeaderTable::parse("[headers]\nX-A = \"a\\\"b\"\n").unwrap_err();
        assert!(err.contains(":2:"), "{err}");
        let err = HeaderTable::parse("[nope]\nA = \"b\"\n").unwrap_err();
        assert!(err.contains("unknown section"), "{err}");
    }

    #[test]
    fn the_sitemap_lists_absolute_addresses() {
        let map = sitemap(
            "https://docs.example.org",
            &["/en/".to_string(), "/ko/replication/".to_string()],
        );
        assert!(map.contains("<loc>https://docs.example.org/ko/replication/</loc>"));
        assert_eq!(map.matches("<url>").count(), 2);
        assert!(robots("https://d.example").contains("Sitemap: https://d.example/sitemap.xml"));
    }

    #[test]
    fn precompressed_copies_decompress_to_the_original() {
        use std::io::Read as _;
        let dir = std::env::temp_dir().join(format!("shipshape-deploy-{}", std::process::id()));
        fs::create_dir_all(dir.join("en")).unwrap();
        let text = "<p>Shipshape</p>\n".repeat(200);
        fs::write(dir.join("en/index.html"), &text).unwrap();
        fs::write(dir.join("_headers"), &text).unwrap();
        fs::write(dir.join("tiny.js"), "x").unwrap();
        let done = precompress(&dir).unwrap();
        assert_eq!(done.files, 1);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&fs::read(dir.join("en/index.html.gz")).unwrap()[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let mut back = Vec::new();
        brotli::BrotliDecompress(
            &mut &fs::read(dir.join("en/index.html.br")).unwrap()[..],
            &mut back,
        )
        .unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(!dir.join("_headers.gz").exists() && !dir.join("tiny.js.gz").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
