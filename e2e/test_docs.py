"""The course website in a real browser: every page loads, every figure shows, every internal link resolves, nothing comes from the network."""
import functools, http.server, os, threading
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from selenium.webdriver.common.by import By

from conftest import screenshot

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT/os.environ.get('DFD_SITE', '_site')     # make e2e sets it


@pytest.fixture(scope='module')
def site_url():
    "The built site served over HTTP on localhost."
    if not (SITE/'index.html').is_file(): pytest.fail(f'{SITE}/index.html missing: build the site first (make docs)')
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{server.server_port}/'
    server.shutdown()


@pytest.fixture(scope='module')
def crawl(browser, site_url):
    "Visit every page reachable from the index: {url: (title, broken images, links, resources requested)}."
    pages, todo = {}, [site_url + 'index.html']
    while todo:
        url = todo.pop()
        if url in pages: continue
        browser.get(url)
        broken = browser.execute_script("return [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        links = {urldefrag(a.get_attribute('href'))[0] for a in browser.find_elements(By.CSS_SELECTOR, 'a[href]')}
        resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        pages[url] = (browser.title, broken, links, resources)
        todo += [l for l in links if l.startswith(site_url) and l.endswith('.html') and l not in pages]
    return pages


def test_every_course_page_is_reachable(crawl, site_url):
    notebooks = sorted(p.stem for p in (ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))
    assert {f'{site_url}{n}.html' for n in notebooks + ['index', 'api']} <= set(crawl)
    assert all(title and '404' not in title for title, *_ in crawl.values())


def test_figures_show(crawl, site_url):
    assert {url: broken for url, (_, broken, _, _) in crawl.items() if broken} == {}
    assert sum(1 for *_, resources in crawl.values() for r in resources if r.endswith('.png')) >= 20


def test_internal_links_resolve(crawl, site_url):
    internal = {l for _, _, links, _ in crawl.values() for l in links if l.startswith(site_url)}
    missing = sorted(l for l in internal if not (SITE/urlparse(l).path.lstrip('/')).exists())
    assert missing == []


def test_nothing_from_the_network(crawl, site_url):
    external = {r for *_, resources in crawl.values() for r in resources if not r.startswith(site_url)}
    assert external == set()


def test_api_reference(browser, site_url):
    browser.get(site_url + 'api.html')
    ids = {e.get_attribute('id') for e in browser.find_elements(By.CSS_SELECTOR, 'dt[id]')}
    assert {'dfd.inference.predict_video', 'dfd.model.DeepFakeMobileNet', 'dfd.evaluate.metrics'} <= ids
    screenshot(browser, 'docs_api')


def test_screenshots(browser, site_url):
    for page in ('index', '07_evaluate', '10_demo'):
        browser.get(site_url + page + '.html')
        assert browser.find_elements(By.CSS_SELECTOR, 'main, article')
        screenshot(browser, f'docs_{page}')
