"""Build the course website from the executed notebooks: `nbdev_docs` where Quarto is installed, else Sphinx + myst-nb, offline."""
import argparse, pkgutil, re, shutil, subprocess, sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DIRECTIVE = re.compile(r'^#\|.*\n?', re.M)


def executed_notebooks(executed: Path) -> list[Path]:
    "The executed copy of every numbered notebook in nbs/; exit naming the missing ones."
    sources = sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))
    missing = [s.name for s in sources if not (executed/s.name).is_file()]
    if missing: sys.exit(f"docs: no executed copy of {', '.join(missing)} in {executed}: run `make report` first")
    return [executed/s.name for s in sources]


def page(notebook: Path, dest: Path, extra_markdown: str = '') -> None:
    "Copy a notebook as a page: hidden and `default_exp` cells dropped, nbdev directives removed."
    nb = nbformat.read(notebook, as_version=4)
    nb.cells = [c for c in nb.cells if not (c.cell_type == 'code' and re.match(r'#\|\s*(hide|default_exp)\b', c.source))]
    for c in nb.cells:
        if c.cell_type == 'code': c.source = DIRECTIVE.sub('', c.source)
    if extra_markdown: nb.cells.append(nbformat.v4.new_markdown_cell(extra_markdown))
    nbformat.write(nb, dest)


def api_page(dest: Path) -> str:
    "A reference page of every dfd module's `__all__`, from the docstrings."
    import dfd
    modules = [m.name for m in pkgutil.iter_modules(dfd.__path__) if not m.name.startswith('_')]
    sections = [f"## `dfd.{m}`\n\n```{{eval-rst}}\n.. automodule:: dfd.{m}\n   :members:\n   :exclude-members: log\n```\n" for m in modules]
    dest.write_text('# API reference\n\nEvery exported name, module by module, from its docstring; the notebooks show each in use.\n\n' + '\n'.join(sections))
    return dest.stem


def sphinx_site(executed: Path, out: Path) -> Path:
    "Assemble the Sphinx sources under _build/docs_src and build the HTML site into `out`."
    src = ROOT/'_build'/'docs_src'
    shutil.rmtree(src, ignore_errors=True); src.mkdir(parents=True)
    shutil.copy(ROOT/'docs'/'conf.py', src)
    pages = [nb.stem for nb in executed_notebooks(executed)]
    for nb in pages: page(executed/f'{nb}.ipynb', src/f'{nb}.ipynb')
    pages.append(api_page(src/'api.md'))
    index = (ROOT/'nbs'/'index.ipynb').read_text()
    for figure in sorted(set(re.findall(r'\((figures/[^)\s]+\.png)\)', index))):
        (src/figure).parent.mkdir(parents=True, exist_ok=True); shutil.copy(ROOT/figure, src/figure)
    toctree = '```{toctree}\n:hidden:\n:maxdepth: 1\n:caption: The course\n\n' + '\n'.join(pages) + '\n```'
    page(ROOT/'nbs'/'index.ipynb', src/'index.ipynb', toctree)
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, '-m', 'sphinx', '-b', 'html', '-q', '-j', 'auto', str(src), str(out)], check=True)
    return out/'index.html'


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog='docs/build.py', description=__doc__)
    p.add_argument('--executed', type=Path, default=ROOT/'_report'/'nbs', help='executed notebooks (default: make report\'s)')
    p.add_argument('--out', type=Path, default=ROOT/'_site', help='site folder (default %(default)s)')
    p.add_argument('--sphinx', action='store_true', help='use Sphinx even where Quarto is installed')
    a = p.parse_args(argv)
    if shutil.which('quarto') and not a.sphinx:
        subprocess.run(['nbdev_docs'], cwd=ROOT, check=True)
        print(f'docs: built with nbdev_docs (Quarto) in {ROOT/"_docs"}')
        return
    print(f'docs: {sphinx_site(a.executed.resolve(), a.out.resolve())}')


if __name__ == '__main__': main()
