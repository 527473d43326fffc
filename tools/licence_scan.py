"""Licence check: 7-word shingles of every tracked file that also occur in the evaluation-only texts
(GTD summaries, ACLED notes, Airwars pages, GVA pages, read from ../shared at run time). Shingles that
also occur in the licence-clean sample corpus are ignored. Prints each file with hits and a few of them.

    .venv/bin/python tools/licence_scan.py
"""
import csv, gzip, json, re, subprocess, sys, glob, os

EVAL = os.environ.get('HARMWATCH_EVAL_DIR', os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'eval')) + '/'
csv.field_size_limit(10**9)
W=re.compile(r"[a-z0-9']+")
K=7
def sh(t):
    w=W.findall(t.lower()); return {" ".join(w[i:i+K]) for i in range(len(w)-K+1)}
gold=set(); src={}
def add(t,tag):
    for s in sh(t):
        gold.add(s); src.setdefault(s,tag)
for fn in ['gtd_2021h1/gtd_2021jan-mar.csv.gz','acled_may2020/acled_2020-04-27_to_05-04.csv.gz']:
    with gzip.open(EVAL+fn,'rt',encoding='utf-8',errors='replace') as f:
        for r in csv.DictReader(f):
            add(r.get('summary') or r.get('notes') or '', fn.split('/')[0])
with gzip.open(EVAL+'gva_shootings/docs_dev.jsonl.gz','rt') as f:
    for l in f: add(json.loads(l)['text'],'gva')
with gzip.open(EVAL+'airwars_gaza2023/gold_dev.jsonl.gz','rt') as f:
    for l in f: add(l,'airwars')
for p in glob.glob(EVAL+'airwars_gaza2023/html/*')[:400]:
    add(re.sub('<[^>]+>',' ',open(p,errors='replace').read()),'airwars')
# common English shingles appear in other corpora too: drop those found in the licence-clean sample corpus
clean=set()
with gzip.open('src/harmwatch/data/sample/sample_corpus.jsonl.gz','rt') as f:
    for l in f: clean|=sh(json.loads(l).get('text',''))
files=subprocess.check_output(['git','ls-files'],text=True).split()
for p in files:
    if p.endswith('.gz'): 
        try: t=gzip.open(p,'rt',errors='replace').read()
        except Exception: continue
    else:
        try: t=open(p,errors='replace').read()
        except Exception: continue
    hits=[s for s in sh(t) if s in gold and s not in clean]
    if hits: print(p,len(hits),[(src[h],h) for h in hits[:4]])

