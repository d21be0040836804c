"""One workspace full of script payloads, rendered by a full ``icplab run``.

Read by ``tests/security/test_hardening.py`` (a static audit of every page's HTML) and
``tests/report/test_browser.py`` (Chromium loads every page): one rendering for both
(:func:`_shared_runs.shared_run` with the name ``"hostile"``). The payloads sit in the
industry names (every report shows them), message, campaign, channel, region and rejection
labels, the metric label, the thesis name, statement and segment, and the data file's name.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

#: What a payload does when it runs: mark the page (read back from the dumped DOM).
MARK = "document.documentElement.setAttribute('data-pwned','{}');document.title='PWNED'"
#: The data file's name: shown on the index page.
FILE_NAME = "evil <img src=x onerror=alert(7)> *log*.csv"
#: Markdown specials and a raw link, each given to half of one industry's contacts.
MARKDOWN = "*bold* _it_ | pipe $5$"
RAW_LINK = "<a href='javascript:alert(5)'>klick</a>"


def payloads(tag: str) -> dict[str, str]:
    """Script payloads of every kind, each marking the page with ``tag`` when it runs."""
    m = MARK.format(tag)
    return {
        "img": f'<img src=x onerror="{m}">',
        "svg": f'"><svg onload="{m}">',
        "script": f"<script>{m}</script>",
        "fence": f'x\n```\n</pre><img src=x onerror="{m}">\n```',
        "link": f"[klick](javascript:{m})",
        "iframe": f'<iframe src="javascript:{m}"></iframe>',
    }


def build_hostile_run(ws: Path) -> None:
    """Write the hostile log and config into ``ws`` and render every report of the plan."""
    import tomli_w

    from icplab.batch.runner import run_reports
    from icplab.core.config import Config
    from icplab.data.sample import generate_outreach

    raw = generate_outreach(3000, seed=5)
    ind = payloads("industry")
    rng = np.random.default_rng([5, 13])
    half = rng.random(len(raw)) < 0.5
    industry = raw["industry"].map(
        {
            "IT": ind["fence"],  # an ICP cell: lands in the refinement's proposal block
            "Logistik": ind["svg"],
            "Maschinenbau": ind["link"],
            "Handel": ind["script"],
            "Finanzdienstleister": ind["img"],
            "Gesundheitswesen": ind["iframe"] + r" $\nosuch{x}$",  # not mathtext either
        }
    )
    industry[half & (raw["industry"] == "Handel")] = MARKDOWN
    industry[half & (raw["industry"] == "Gesundheitswesen")] = RAW_LINK
    raw["industry"] = industry
    msg, camp, chan = payloads("messaging"), payloads("campaign"), payloads("channel")
    raw["messaging"] = np.where(raw["messaging"] == "fehlerrate", msg["img"], msg["fence"])
    raw["campaign"] = rng.choice([camp["script"], camp["svg"], "Q1 **launch**"], len(raw))
    raw["channel"] = rng.choice([chan["img"], chan["link"]], len(raw))
    raw["region"] = rng.choice(list(payloads("region").values()), len(raw))
    reasons = payloads("reason")
    raw["rejection_reason"] = raw["rejection_reason"].replace(
        {"Timing": reasons["img"], "kein Budget": reasons["svg"] + r" $\bad$"}
    )
    raw.to_csv(ws / FILE_NAME, index=False)
    thesis = payloads("thesis")
    config = {
        "workspace": {"data": FILE_NAME},
        "metrics": {"reply_rate": {"label": payloads("metric")["img"], "target": 0.15}},
        "theses": [
            {
                "name": thesis["svg"],
                "statement": f"{thesis['img']} {thesis['fence']} {thesis['link']} | *Handel*",
                "where": {"industry": [ind["fence"], ind["img"]]},
            }
        ],
    }
    (ws / "icplab.toml").write_text(tomli_w.dumps(config), encoding="utf-8")
    summary = run_reports(Config.load(ws / "icplab.toml"), jobs=1, timeout=180)
    assert {r.name: r.error for r in summary.results if not r.ok} == {}
