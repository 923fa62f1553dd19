"""Synthetic catalogs for the benchmark: 3 actions × 4 steps per platform, English and French."""

from __future__ import annotations

from pathlib import Path

ACTION = """\
  - id: action-{a}
    title:
      en: Turn off setting {a} of platform {i}
      fr: Désactiver le réglage {a} de la plateforme {i}
    controls:
      en: Whether platform {i} may use your data for thing {a}.
      fr: Si la plateforme {i} peut utiliser vos données pour la chose {a}.
    kind: ai-training
    default: "on"
    difficulty: easy
    minutes: 2
    future_only: true
    surfaces:
      web:
        available: "yes"
        link: https://p{i}.example.com/settings/{a}
        steps:
{steps}
    sources:
      - url: https://p{i}.example.com/help
        publisher: Platform {i} Help
        published: 2026-01-01
        type: official
    verified: 2026-11-01
    confidence: high
"""
STEP = """\
          - id: step-{s}
            text:
              en: Do step {s} for setting {a}.
              fr: Faites l'étape {s} pour le réglage {a}.
            path:
              - en: Settings {s}
                fr: Paramètres {s}"""


def write_catalog(folder: Path, count: int) -> None:
    """`count` platform files p0.yaml … under folder/platforms."""
    platforms = folder / "platforms"
    platforms.mkdir(parents=True)
    for i in range(count):
        actions = "".join(
            ACTION.format(i=i, a=a, steps="\n".join(STEP.format(s=s, a=a) for s in range(4)))
            for a in range(3)
        )
        (platforms / f"p{i}.yaml").write_text(
            f"format: 2\nid: p{i}\nname: Platform {i}\ndomains: [p{i}.example.com]\n"
            f"categories: [social]\nlanguages: [en]\nactions:\n{actions}",
            encoding="utf-8",
        )
