"""The course website in a real browser: every page loads, every figure shows, every internal link resolves, nothing comes from the network."""
import functools, http.server, importlib, logging, os, pkgutil, threading
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import dfd
from conftest import screenshot

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT/os.environ.get('DFD_SITE', '_site')     # make e2e sets it
PAGE = """return {
  url: document.URL, ready: document.readyState,
  status: performance.getEntriesByType('navigation')[0].responseStatus,
  bytes: performance.getEntriesByType('navigation')[0].decodedBodySize,
  main: document.querySelector('main article')?.innerText.trim().length || 0,
  images: document.images.length,
  broken: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
  links: [...document.links].map(a => a.href),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  requested: performance.getEntriesByType('resource').map(e => e.name),
  referenced: [...document.querySelectorAll('script[src], img[src], iframe[src], source[src], video[src], link[href]')]
    .filter(e => e.tagName !== 'LINK' || !['canonical', 'next', 'prev'].includes(e.rel)).map(e => e.src || e.href),
}"""


@pytest.fixture(scope='module')
def site_url():
    "The built site served over HTTP on localhost."
    if not (SITE/'index.html').is_file(): pytest.fail(f'{SITE}/index.html missing: build the site first (make docs)')
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{server.server_port}/'
    server.shutdown()


NO_ARTICLE = ('search.html', 'genindex.html')   # Sphinx's pages without text of their own


def loaded(browser, url: str, timeout: float = 30) -> dict:
    """What PAGE reports once `url`'s document is complete and has its article (CI of 2026-12-04 read 06_data.html without one, on a busy
    machine); a page still without one after `timeout` s is reported as it was last read, with a screenshot."""
    if url.endswith(NO_ARTICLE): return browser.execute_script(PAGE)
    last = {}
    def ready(b):
        nonlocal last
        last = b.execute_script(PAGE)
        return last['url'] == url and last['ready'] == 'complete' and last['main']
    try: WebDriverWait(browser, timeout).until(ready)
    except TimeoutException: screenshot(browser, 'docs_no_article_' + url.rsplit('/', 1)[-1].removesuffix('.html'))
    return last


@pytest.fixture(scope='module')
def crawl(browser, site_url):
    "Visit every page reachable from the index: {url: what PAGE reports, plus the title}."
    pages, todo = {}, [site_url + 'index.html']
    while todo:
        url = todo.pop()
        if url in pages: continue
        browser.get(url)
        pages[url] = loaded(browser, url) | {'title': browser.title}
        todo += {urldefrag(l)[0] for l in pages[url]['links'] if l.startswith(site_url) and urldefrag(l)[0].endswith('.html')}
    return pages


def test_every_course_page_is_reachable(crawl, site_url):
    notebooks = sorted(p.stem for p in (ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))
    assert {f'{site_url}{n}.html' for n in notebooks + ['index', 'api']} <= set(crawl)
    assert {url: (p['status'], p['title']) for url, p in crawl.items() if p['status'] != 200 or not p['title']} == {}
    assert {url: {k: p[k] for k in ('url', 'ready', 'bytes')} | {'file_bytes': (SITE/url[len(site_url):]).stat().st_size}
            for url, p in crawl.items() if not p['main'] and not url.endswith(NO_ARTICLE)} == {}


def test_figures_show(crawl, site_url):
    assert {url: p['broken'] for url, p in crawl.items() if p['broken']} == {}
    assert crawl[site_url + 'index.html']['images'] and crawl[site_url + '10_evaluate.html']['images']
    assert sum(p['images'] for p in crawl.values()) >= 20


def test_internal_links_resolve(crawl, site_url):
    "Every link to the site names an existing file, and its #anchor an element of the page it points to (when crawled)."
    links = {l for p in crawl.values() for l in p['links'] if l.startswith(site_url)}
    missing = sorted(l for l in links if not (SITE/unquote(urldefrag(l)[0][len(site_url):])).exists())
    assert missing == []
    dangling = sorted(l for l in links if urldefrag(l)[1] and urldefrag(l)[0] in crawl
                      and unquote(urldefrag(l)[1]) not in crawl[urldefrag(l)[0]]['ids'])
    assert dangling == []


def test_nothing_from_the_network(crawl, site_url):
    external = {r for p in crawl.values() for r in p['requested'] + p['referenced'] if not r.startswith((site_url, 'data:'))}
    assert external == set()


def test_api_reference(crawl, site_url):
    "Every exported name of every module has its entry (loggers aside)."
    ids = set(crawl[site_url + 'api.html']['ids'])
    for m in pkgutil.iter_modules(dfd.__path__):
        module = importlib.import_module(f'dfd.{m.name}')
        exported = {f'dfd.{m.name}.{n}' for n in getattr(module, '__all__', []) if not isinstance(getattr(module, n), logging.Logger)}
        assert exported - ids == set(), m.name
    assert {'dfd.data.score_files', 'dfd.model.DeepFakeMobileNet'} <= ids


def test_screenshots(browser, site_url):
    for page in ('index', '10_evaluate', 'api', '13_viz'):
        browser.get(site_url + page + '.html')
        if page == '10_evaluate': browser.execute_script("document.querySelector('.cell_output img').scrollIntoView()")
        assert screenshot(browser, f'docs_{page}').stat().st_size
