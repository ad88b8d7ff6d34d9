"""Sphinx settings of the course website: executed notebooks (myst-nb, never re-executed), the API from docstrings, no network."""
project = 'dfd'
author = 'dfd developers'
copyright = '2026 onwards, dfd developers'
extensions = ['myst_nb', 'sphinx.ext.autodoc']
root_doc = 'index'
exclude_patterns = ['_build']
nb_execution_mode = 'off'                  # the notebooks were executed by `make report`
nb_ipywidgets_js = {}                      # widget views need a live kernel: no widget manager from a CDN
nb_merge_streams = True
myst_heading_anchors = 3
default_role = 'code'                      # docstrings write `name` for code, as in Markdown
autodoc_member_order = 'bysource'
autodoc_typehints = 'signature'
html_theme = 'sphinx_book_theme'
html_title = 'dfd: deepfake detection on a CPU'
html_theme_options = dict(show_toc_level=2, use_download_button=False, use_fullscreen_button=False)
html_show_sourcelink = False
suppress_warnings = ['mystnb.unknown_mime_type', 'misc.highlighting_failure']
