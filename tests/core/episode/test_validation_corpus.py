"""`check` over the real corpus: the mistakes verified by hand are found at the right lines,
and the episodes without mistakes stay silent (a false positive is a bug, like a miss)."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS_PODCAST, corpus_files

from editor.commands.check import check_main

pytestmark = pytest.mark.corpus

# (file, line, rule): each one looked at in the file by hand.
VERIFIED = [
    # `time` values that are not times; sec 2787 disagrees with its neighbours too.
    ("learning-machine-learning-self-taught-bioinformatics.md", 919, "transcript.time-invalid"),
    ("learning-machine-learning-self-taught-bioinformatics.md", 927, "transcript.time-invalid"),
    ("learning-machine-learning-self-taught-bioinformatics.md", 933, "transcript.sec-backwards"),
    # time: '9:\n\n    46' (a line break inside the quotes).
    ("open-source-ml-tools-strategy-and-business-models.md", 350, "transcript.time-invalid"),
    # A line with no speaker (and no time) between two of Liesbeth's lines.
    ("ai-ml-product-design-and-experimentation.md", 700, "transcript.missing-speaker"),
    ("ai-ml-product-design-and-experimentation.md", 700, "transcript.missing-time"),
    # The same line pasted twice: first a copy with no who/sec, then the real line.
    ("freelancing-in-machine-learning.md", 160, "transcript.duplicate-line"),
    ("data-engineering-tools-modern-data-stack.md", 177, "transcript.duplicate-line"),
    ("data-engineering-tools-modern-data-stack.md", 195, "transcript.duplicate-line"),
    # Section headers pasted twice.
    ("data-engineering-tools-modern-data-stack.md", 156, "transcript.duplicate-header"),
    ("machine-learning-system-design-interview.md", 151, "transcript.duplicate-header"),
    ("machine-learning-system-design-interview.md", 152, "transcript.duplicate-header"),
    # sec jumping backwards: by minutes (error) and by tens of seconds (warning).
    ("from-software-engineer-to-machine-learning.md", 792, "transcript.sec-backwards"),
    ("responsible-explainable-ai-bias-detection.md", 212, "transcript.sec-out-of-order"),
    ("data-quality-data-observability-data-reliability.md", 436, "transcript.sec-out-of-order"),
    # Transcript text pasted into who.
    ("applied-llm-research-and-career-growth-in-practice.md", 268, "transcript.speaker-not-a-name"),
    # Speaker names typed twice over ("Ruslanan", "Alexeylexey").
    (
        "s23e05-inside-ai-engineer-role-tools-skills-and-career-path.md",
        407,
        "transcript.speaker-typo",
    ),
    (
        "s23e05-inside-ai-engineer-role-tools-skills-and-career-path.md",
        1143,
        "transcript.speaker-typo",
    ),
    (
        "building-and-scaling-data-science-practice-industrial-ai-mlops.md",
        141,
        "transcript.speaker-typo",
    ),
    # "Alexey:" / "Theo:" as speakers.
    ("mlops-kubeflow-model-monitoring.md", 405, "transcript.speaker-punctuation"),
    # A clip pasted twice (same start and end as the clip before it).
    ("machine-learning-system-design-interview.md", 77, "clips.overlap"),
    # Clips named after sections that start minutes later in the transcript.
    ("learning-machine-learning-self-taught-bioinformatics.md", 110, "clips.far-from-section"),
    ("data-strategy-and-dataops-for-ai-powered-products.md", 81, "clips.far-from-section"),
    # ids.youtube 'NfAJAr7FvyY&t', its link, and every clip URL with '&t&t=...'.
    ("kaggle-grandmaster-to-production-ml-and-education.md", 12, "ids.youtube-malformed"),
    ("kaggle-grandmaster-to-production-ml-and-education.md", 17, "links.malformed"),
    ("kaggle-grandmaster-to-production-ml-and-education.md", 49, "clips.url-start"),
    # podcasters.spotify.com/pod/pod/show/... and an id cut to 'ow/datatalksclub/...'.
    ("biohacking-productivity-for-data-scientists-and-ml-engineers.md", 11, "ids.anchor-mismatch"),
    ("biohacking-productivity-for-data-scientists-and-ml-engineers.md", 14, "links.malformed"),
    # The anchor URL pasted twice into one value.
    ("applied-llm-research-and-career-growth-in-practice.md", 13, "links.malformed"),
    # Descriptions longer than search engines show.
    ("how-to-stand-out-in-data-science.md", 18, "description.too-long"),
    ("from-iot-data-engineering-to-leading-data-architect.md", 18, "description.too-long"),
    # The same topic twice.
    ("data-strategy-and-dataops-for-ai-powered-products.md", 40, "topics.duplicate"),
    # 'x.md.md' file names.
    ("mentoring-in-tech-how-to-find-and-become-a-mentor.md.md", 2, "file.double-extension"),
]

# How many of each rule the corpus has (all looked at; see the report in the issue).
EXPECTED_COUNTS = {
    "ids.anchor-mismatch": 9,
    "links.malformed": 12,
    "transcript.duplicate-line": 363,
    "transcript.time-invalid": 3,
    "transcript.missing-speaker": 1,
    "transcript.sec-backwards": 12,
    "transcript.speaker-typo": 8,
    "clips.overlap": 1,
    "description.too-long": 7,
}

# Episodes with no mistakes: not a single problem, error or warning.
CLEAN = [
    "ai-for-ecology-biodiversity-and-conservation.md",
    "ai-in-healthcare-and-digital-therapeutics.md",
    "algorithmic-trading-with-python-and-machine-learning.md",
    "algorithms-data-structures-for-engineers.md",
    "becoming-data-freelancer.md",
    "big-data-analytics-and-postdoc-research.md",
    "bioinformatics-worflows-tools-and-data-science.md",
    "building-agentic-ai-engineering-tooling-retrieval-evaluation.md",
    "building-ai-digital-health-startups.md",
    "building-and-scaling-ai-data-products-with-mlops.md",
    "building-and-scaling-data-engineering-systems-for-fraud-detection.md",
    "building-data-products-lead-data-scientist.md",
    "building-data-products-product-owner-vs-product-manager.md",
    "building-data-science-programs-and-democratizing-high-performance-computing.md",
    "building-healthcare-machine-learning-systems.md",
    "building-production-search-systems.md",
    "causal-inference-for-machine-learning.md",
    "chief-data-officer-data-strategy-and-org-design.md",
    "cloud-data-governance.md",
    "data-engineering-leadership-and-modern-data-platforms.md",
    "data-leadership-coaching.md",
    "data-led-growth-event-tracking-and-reverse-etl.md",
    "data-science-career-abc-framework.md",
    "data-science-failures-and-mlops-lessons.md",
    "data-science-for-public-policy-ethical-ai-social-impact.md",
    "data-science-interview-and-cv-guide.md",
    "data-science-manager-vs-expert-hiring-guide.md",
    "data-science-team-structure-and-org-design.md",
    "data-team-roles.md",
    "dataops-and-gitops-best-practices-for-data-teams.md",
    "dataops-automation-and-reliable-data-pipelines.md",
    "dataops-for-data-engineering.md",
    "datatalksclub-building-scaling-data-community.md",
    "datatalksclub-building-sustainable-data-community-3-years-anniversary.md",
    "datatalksclub-scaling-and-free-courses.md",
    "deploying-llms-in-production-fine-tuning-retrieval-open-source-api.md",
    "from-biology-to-machine-learning-data-science-portfolio-open-source-computer-vision-transformers.md",
    "from-computer-vision-research-to-autonomous-driving-ai.md",
    "from-data-freelancer-to-startup-open-source-products.md",
    "from-marketing-to-analytics-engineering-sql-dbt-career-switch.md",
    "from-physics-to-computer-vision-career-transition.md",
    "from-radio-astronomy-to-machine-learning-and-data-engineering.md",
    "get-data-analytics-and-data-engineering-job.md",
    "get-junior-data-job-and-transferable-skills.md",
    "hiring-and-managing-data-science-teams-in-b2b-saas.md",
    "hiring-for-data-engineering-jobs-in-europe.md",
    "how-to-break-into-data-science.md",
    "hugging-face-contributions-and-nlp-portfolio.md",
    "human-centered-mlops-and-model-monitoring.md",
    "interpretable-machine-learning.md",
    "job-search-strategy-in-tech-projects-skills-cv-networking.md",
    "lean-mlops-for-startups.md",
    "machine-learning-decision-optimization.md",
    "machine-learning-for-asteroid-mining-and-water-detection.md",
    "machine-learning-in-marketing-attribution-marketing-mix-modeling.md",
    "make-money-with-machine-learning-roles-skills.md",
    "ml-system-design.md",
    "mlops-and-ml-engineering-in-finance.md",
    "mlops-at-scale-reproducibility-adoption.md",
    "mlops-community-building-and-meetups.md",
    "mlops-model-monitoring-data-observability.md",
    "modern-search-systems-vector-databases-llms-semantic-retrieval.md",
    "nlp-dataset-creation-annotation-tools-workflows.md",
    "nonlinear-path-to-machine-learning-freelancing-and-public-learning.md",
    "open-source-and-volunteering-in-ai-for-data-ml-career-growth.md",
    "open-source-turned-into-career-and-startup-creation.md",
    "postdoc-to-data-science-lead-career-transition.md",
    "practical-devrel-demofirst-education-and-open-source.md",
    "practical-generative-ai-consulting-from-expertise-to-impact.md",
    "practical-llm-engineering-and-rag.md",
    "practical-llm-use-cases-and-product-patterns.md",
    "product-designer-to-data-product-manager.md",
    "production-ready-ai-engineering.md",
    "project-manager-to-data-scientist.md",
    "s22e06-from-black-box-systems-to-augmented-decision-making.md",
    "s22e07-reinventing-career-in-tech.md",
    "s22e08-building-pet-health-tech-ml-sensors-and-dog-behavior-data.md",
    "s23e04-how-to-become-ai-engineer-after-career-break.md",
    "s23e06-data-engineer-career-in-2026-roles-specializations-and-what-companies-look-for.md",
    "s23e07-understanding-ai-engineer-role.md",
    "s23e09-starting-data-conference-data-makers-fest-story.md",
    "s24e01-competitions-beyond-kaggle-leaderboard.md",
    "solopreneur-data-scientist.md",
    "technical-writing-for-data-scientists.md",
    "trends-in-modern-data-engineering.md",
    "visualizing-machine-learning-concepts-to-explain-ml.md",
]


@pytest.fixture(scope="module")
def corpus_problems() -> tuple[int, list[dict[str, Any]]]:
    corpus_files()  # skips, or fails under CI=true, when the corpus is missing
    out, err = io.StringIO(), io.StringIO()
    status = check_main(["--json", str(CORPUS_PODCAST)], out=out, err=err)
    return status, json.loads(out.getvalue())


def test_check_exits_with_errors(corpus_problems: tuple[int, list[dict[str, Any]]]) -> None:
    status, rows = corpus_problems
    assert status == 1
    assert {"path", "line", "column", "severity", "rule", "message"} <= set(rows[0])


def test_hand_verified_mistakes_are_found_at_their_lines(
    corpus_problems: tuple[int, list[dict[str, Any]]],
) -> None:
    found = {(Path(row["path"]).name, row["line"], row["rule"]) for row in corpus_problems[1]}
    missing = [entry for entry in VERIFIED if entry not in found]
    assert missing == []


def test_counts_per_rule(corpus_problems: tuple[int, list[dict[str, Any]]]) -> None:
    counts = Counter(row["rule"] for row in corpus_problems[1])
    assert {rule: counts[rule] for rule in EXPECTED_COUNTS} == EXPECTED_COUNTS


def test_clean_episodes_stay_clean(corpus_problems: tuple[int, list[dict[str, Any]]]) -> None:
    noisy = {Path(row["path"]).name for row in corpus_problems[1]}
    assert sorted(set(CLEAN) & noisy) == []
    on_disk = {path.name for path in corpus_files()}
    assert set(CLEAN) <= on_disk
    assert len(CLEAN) == 86


def test_positions_are_inside_the_front_matter(
    corpus_problems: tuple[int, list[dict[str, Any]]],
) -> None:
    lengths: dict[str, int] = {}
    for row in corpus_problems[1]:
        if row["path"] not in lengths:
            text = Path(row["path"]).read_text(encoding="utf-8")
            lengths[row["path"]] = text.split("\n---", 1)[0].count("\n") + 1
        assert 2 <= row["line"] <= lengths[row["path"]], row
        assert row["column"] >= 1
        assert row["severity"] in ("error", "warning")
