"""A font with Chinese glyphs for the charts.

Looks for one among installed fonts (Debian: `fonts-noto-cjk`, else `fonts-wqy-zenhei` or
`fonts-wqy-microhei`); without one the charts are still written, with a warning, and
their Chinese labels show as boxes.
"""

from __future__ import annotations

import glob
import warnings
from functools import cache

PREFERRED = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC",
             "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
             "AR PL UMing CN", "Noto Sans CJK JP")
FONT_GLOBS = ("/usr/share/fonts/opentype/noto/NotoSansCJK*.ttc",
              "/usr/share/fonts/opentype/noto/NotoSerifCJK*.ttc",
              "/usr/share/fonts/truetype/wqy/*.tt[cf]",
              "/usr/share/fonts/truetype/droid/DroidSansFallback*.ttf",
              "/usr/share/fonts/truetype/arphic/*.tt[cf]")


@cache
def cjk_font() -> str | None:
    """Set matplotlib up for Chinese; returns the family chosen, or None if none found."""
    import matplotlib
    from matplotlib import font_manager

    for pattern in FONT_GLOBS:  # register files matplotlib's cache may not know yet
        for path in sorted(glob.glob(pattern)):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in PREFERRED:
        if family in names:
            matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["axes.unicode_minus"] = False
            matplotlib.rcParams["svg.fonttype"] = "path"  # SVGs render without the font
            return family
    warnings.warn("no font with Chinese glyphs found (install fonts-noto-cjk); "
                  "chart labels in Chinese will not render", stacklevel=2)
    return None
