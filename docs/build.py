"""Build the course website from the executed notebooks: `nbdev_docs` where Quarto is installed, else Sphinx + myst-nb, offline."""
import argparse, configparser, importlib, inspect, logging, pkgutil, re, shutil, subprocess, sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT/'_build'/'docs'                     # Sphinx sources, doctrees and HTML; the site is a copy of the HTML
DIRECTIVE = re.compile(r'^#\|.*\n?', re.M)
NOTEBOOK_LINK = re.compile(r'\]\((?:nbs/)?([\w-]+)\.ipynb(#[^)\s]*)?\)')
LOCAL_FILE = re.compile(r'\]\(([^)\s:#]+)\)|src="([^":#]+)"')
SETTINGS = configparser.ConfigParser(); SETTINGS.read(ROOT/'settings.ini')
REPO_NBS = f"{SETTINGS['DEFAULT']['git_url']}/blob/{SETTINGS['DEFAULT']['branch']}/nbs"     # notebooks that are not pages


def executed_notebooks(executed: Path) -> list[Path]:
    "The executed copy of every numbered notebook in nbs/, in order; exit naming the missing ones, warn of stale ones."
    sources = sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))
    missing = [s.name for s in sources if not (executed/s.name).is_file()]
    if missing: sys.exit(f"docs: no executed copy of {', '.join(missing)} in {executed}: run `make report` first")
    for s in sources:
        if (executed/s.name).stat().st_mtime < s.stat().st_mtime:
            print(f'docs: warning: {executed/s.name} is older than nbs/{s.name}: run `make report` to refresh it', file=sys.stderr)
    return [executed/s.name for s in sources]


def relink(markdown: str, pages: set[str]) -> str:
    "Links to notebooks go to their page on the site, or to the repository where the notebook is not a page."
    def target(m): return f"]({'' if m[1] in pages else REPO_NBS + '/'}{m[1]}.ipynb{m[2] or ''})"
    return NOTEBOOK_LINK.sub(target, markdown)


def page(notebook: Path, dest: Path, pages: set[str], extra_markdown: str = '') -> str:
    "Copy a notebook as a page (hidden and `default_exp` cells dropped, nbdev directives removed); return its module, if any."
    nb = nbformat.read(notebook, as_version=4)
    nb.metadata.pop('widgets', None)             # saved widget state: views need a live kernel, and it weighs megabytes
    module = re.findall(r'^#\|\s*default_exp\s+(\S+)', nb.cells[0].source if nb.cells else '', re.M)
    nb.cells = [c for c in nb.cells if not (c.cell_type == 'code' and re.match(r'#\|\s*(hide|default_exp)\b', c.source))]
    for c in nb.cells:
        if c.cell_type == 'code': c.source = DIRECTIVE.sub('', c.source)
        if c.cell_type == 'markdown': c.source = relink(c.source, pages)
    if extra_markdown: nb.cells.append(nbformat.v4.new_markdown_cell(extra_markdown))
    nbformat.write(nb, dest)
    return module[0] if module else ''


def autodoc(name: str, obj) -> str:
    "The autodoc directive for one exported object: a class with its members, a function, or a constant with its value."
    if inspect.isclass(obj): return f'.. autoclass:: {name}\n   :members:'
    return f".. {'autofunction' if inspect.isroutine(obj) else 'autodata'}:: {name}"


def api_page(dest: Path, order: list[str]) -> str:
    "A reference page of every dfd module's `__all__` (the modules in course order), from the docstrings."
    import dfd
    modules = [m.name for m in pkgutil.iter_modules(dfd.__path__) if not m.name.startswith('_')]
    modules.sort(key=lambda m: order.index(m) if m in order else len(order))
    sections = []
    for m in modules:
        module = importlib.import_module(f'dfd.{m}')
        members = [n for n in getattr(module, '__all__', []) if not isinstance(getattr(module, n), logging.Logger)]
        directives = [autodoc(f'dfd.{m}.{n}', getattr(module, n)) for n in members]
        sections.append(f"## `dfd.{m}`\n\n```{{eval-rst}}\n.. automodule:: dfd.{m}\n\n" + '\n'.join(directives) + '\n```\n')
    dest.write_text('# API reference\n\nEvery exported name, module by module, from its docstring; the notebooks show each in use.\n\n' + '\n'.join(sections))
    return dest.stem


def copy_referenced_files(markdown: str, src: Path) -> None:
    "Copy the project files that the landing page links to (its figures), keeping their paths relative to the project root."
    for path in {a or b for a, b in LOCAL_FILE.findall(markdown)}:
        if (ROOT/path).is_file() and not path.endswith('.ipynb'):
            (src/path).parent.mkdir(parents=True, exist_ok=True); shutil.copy(ROOT/path, src/path)


def sphinx_site(executed: Path, out: Path) -> Path:
    "Assemble the Sphinx sources under _build/docs/src, build the HTML and copy it to `out`; exit on Sphinx errors."
    shutil.rmtree(BUILD, ignore_errors=True)
    src = BUILD/'src'; src.mkdir(parents=True)
    shutil.copy(ROOT/'docs'/'conf.py', src)
    notebooks = executed_notebooks(executed)
    pages = {nb.stem for nb in notebooks} | {'index'}
    modules = [page(nb, src/nb.name, pages) for nb in notebooks]
    toc = [nb.stem for nb in notebooks] + [api_page(src/'api.md', modules)]
    index = nbformat.read(ROOT/'nbs'/'index.ipynb', as_version=4)
    copy_referenced_files('\n'.join(c.source for c in index.cells if c.cell_type == 'markdown'), src)
    toctree = '```{toctree}\n:hidden:\n:maxdepth: 1\n:caption: The course\n\n' + '\n'.join(toc) + '\n```'
    page(ROOT/'nbs'/'index.ipynb', src/'index.ipynb', pages, toctree)
    log = BUILD/'warnings.log'
    sphinx = [sys.executable, '-m', 'sphinx', '-b', 'html', '-q', '-j', 'auto', '-d', str(BUILD/'doctrees'), '-w', str(log)]
    if subprocess.run(sphinx + [str(src), str(BUILD/'html')]).returncode: sys.exit('docs: sphinx-build failed (see above)')
    errors = [l for l in log.read_text().splitlines() if re.search(r': (ERROR|SEVERE|CRITICAL):', l)]
    if errors: sys.exit('docs: Sphinx reported errors:\n' + '\n'.join(errors))
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(BUILD/'html', out)
    return out/'index.html'


def quarto_site(executed: Path, out: Path) -> Path:
    """nbdev_docs (Quarto) in a copy of the project under _build whose numbered notebooks are the executed ones (those of nbs/
    have no outputs), copied to `out`; the project's own README.md and doc folder are left alone."""
    project = ROOT/'_build'/'quarto'
    shutil.rmtree(project, ignore_errors=True); project.mkdir(parents=True)
    for name in ('settings.ini', 'setup.py', 'README.md', SETTINGS['DEFAULT']['lib_path']):
        (shutil.copytree if (ROOT/name).is_dir() else shutil.copy)(ROOT/name, project/name)
    nbs = SETTINGS['DEFAULT']['nbs_path']
    shutil.copytree(ROOT/nbs, project/nbs)
    for notebook in executed_notebooks(executed): shutil.copy(notebook, project/nbs/notebook.name)
    subprocess.run([Path(sys.executable).parent/'nbdev_docs'], cwd=project, check=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(project/SETTINGS['DEFAULT']['doc_path'], out)
    return out/'index.html'


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog='docs/build.py', description=__doc__)
    p.add_argument('--executed', type=Path, default=ROOT/'_report'/'nbs', help='executed notebooks (default: make report\'s)')
    p.add_argument('--out', type=Path, default=ROOT/'_site', help='site folder (default %(default)s)')
    p.add_argument('--sphinx', action='store_true', help='use Sphinx even where Quarto is installed')
    a = p.parse_args(argv)
    quarto = shutil.which('quarto') and not a.sphinx
    print(f'docs: {(quarto_site if quarto else sphinx_site)(a.executed.resolve(), a.out.resolve())}')


if __name__ == '__main__': main()
