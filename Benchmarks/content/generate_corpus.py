#!/usr/bin/env python3
"""Writes a synthetic content tree for the loader benchmark: 1,000 lessons and 10,000 items.

usage: generate_corpus.py OUT_DIR [--courses 100] [--lessons 10] [--items 10000]
The competency framework is copied from the shipped content so every reference resolves.
"""
import argparse, os, random, shutil

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--courses", type=int, default=100)
p.add_argument("--lessons", type=int, default=10)
p.add_argument("--items", type=int, default=10000)
a = p.parse_args()
random.seed(42)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
shutil.rmtree(a.out, ignore_errors=True)
os.makedirs(f"{a.out}/Assessments/items")
shutil.copy(f"{root}/Assessments/competencies.yaml", f"{a.out}/Assessments/competencies.yaml")
shutil.copy(f"{root}/Assessments/roles.yaml", f"{a.out}/Assessments/roles.yaml")
comps = ["pm-foundations", "scope-schedule", "cost-performance", "risk-management", "agile-delivery",
         "standards-methodology", "knowledge-management", "stakeholder-engagement", "communication",
         "team-leadership", "negotiation-conflict", "pmo-functions", "portfolio-management", "multi-project-coordination"]
paragraph = ("A project is a temporary endeavour with a defined outcome. The team plans the work, "
             "tracks progress against the baseline and adapts when risks materialise. ") * 6
lessons = []
for c in range(a.courses):
    cid = f"course-{c:03d}"
    os.makedirs(f"{a.out}/Courses/{cid}")
    comp = comps[c % len(comps)]
    with open(f"{a.out}/Courses/{cid}/course.yaml", "w") as f:
        f.write(f"id: {cid}\ntitle: Course {c}\nsummary: Synthetic course {c}.\naudience: Benchmarks.\n"
                f"competencies: [{comp}]\nminutes: 60\nclassification: public\nversion: 1.0.0\n")
    for l in range(a.lessons):
        lid = f"{cid}-lesson-{l:02d}"
        lessons.append((lid, comp))
        link = f"[next]({l + 2:02d}-lesson.md)" if l + 1 < a.lessons else "[first](01-lesson.md)"
        with open(f"{a.out}/Courses/{cid}/{l + 1:02d}-lesson.md", "w") as f:
            f.write(f"---\nid: {lid}\ntitle: Lesson {l}\ncompetencies: [{comp}]\nminutes: 8\n---\n\n"
                    f"# Lesson {l}\n\n{paragraph}\n\n## Details\n\n- one point\n- another point, see {link}\n\n"
                    f"| a | b |\n|---|---|\n| 1 | 2 |\n\n> **Tip:** keep it short.\n")
per_bank = 500
for bank in range(a.items // per_bank):
    with open(f"{a.out}/Assessments/items/bank-{bank:02d}.yaml", "w") as f:
        f.write("items:\n")
        for i in range(per_bank):
            n = bank * per_bank + i
            lid, comp = lessons[n % len(lessons)]
            kind = n % 6
            f.write(f"  - id: item-{n:05d}\n    competency: {comp}\n    difficulty: {1 + n % 5}\n    lesson: {lid}\n"
                    f"    stem: >-\n      Synthetic question number {n} about the project baseline and its variance?\n"
                    f"    explanation: >-\n      The right answer follows from the definition given in the lesson; the other options confuse terms.\n")
            if kind == 0:
                f.write(f"    type: single-choice\n    options: [Alpha {n}, Beta {n}, Gamma {n}, Delta {n}]\n    key: {'ABCD'[n % 4]}\n")
            elif kind == 1:
                f.write(f"    type: multiple-choice\n    options: [One {n}, Two {n}, Three {n}, Four {n}]\n    key: [A, C]\n")
            elif kind == 2:
                f.write("    type: true-false\n    key: true\n")
            elif kind == 3:
                f.write(f"    type: numeric\n    key: {n * 1.5}\n    tolerance: 0.5\n    unit: days\n")
            elif kind == 4:
                f.write("    type: short-answer\n    accept: [baseline, the baseline]\n")
            else:
                f.write(f"    type: ordering\n    options: [First {n}, Second {n}, Third {n}]\n")
print(f"wrote {a.courses} courses, {len(lessons)} lessons, {a.items} items to {a.out}")
