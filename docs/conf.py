"""Sphinx settings of the course website: executed notebooks (myst-nb, never re-executed), the API from docstrings, no network."""
import inspect, re

project = 'dfd'
author = 'dfd developers'
copyright = '2026 onwards, dfd developers'
extensions = ['myst_nb', 'sphinx.ext.autodoc']
root_doc = 'index'
nb_execution_mode = 'off'                  # the notebooks were executed by `make report`
nb_ipywidgets_js = {}                      # widget views need a live kernel: no widget manager from a CDN
nb_merge_streams = True
myst_heading_anchors = 3
autodoc_member_order = 'bysource'
autodoc_typehints = 'signature'
html_theme = 'sphinx_book_theme'           # bundles its CSS, JS and icon fonts: nothing from a CDN
html_title = 'dfd: deepfake detection on a CPU'
html_theme_options = dict(show_toc_level=2, use_download_button=False, use_fullscreen_button=False)
html_copy_source = False                   # no _sources/ copies of the pages (nor links to them)
suppress_warnings = ['mystnb.unknown_mime_type', 'misc.highlighting_failure']


def docstring(app, what, name, obj, options, lines):
    """Docstrings are Markdown: `name` becomes an RST literal, escaped so that text may touch it, as in `size`=(w, h).
    A constant shows its value, not the docstring of its type (list, dict)."""
    if what == 'data' and '\n'.join(lines).strip() == inspect.getdoc(type(obj)): lines.clear()
    lines[:] = [re.sub(r'`([^`]+)`', r'\\ ``\1``\\ ', line) for line in lines]


def setup(app):
    app.connect('autodoc-process-docstring', docstring)
