# Sourced by the browser tests (test_browser.sh, test_playground.sh): tests/browser/node_modules
# from package-lock.json (`npm ci`), only when the lock file changed. Playwright never downloads a
# browser of its own. Needs a `die` function.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
playwright_stamp=tests/browser/node_modules/.package-lock.sha256
playwright_want="$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$playwright_stamp" 2>/dev/null || true)" != "$playwright_want" ]; then
  echo "installing tests/browser/node_modules (npm ci)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tests/browser failed"
  echo "$playwright_want" > "$playwright_stamp"
fi
