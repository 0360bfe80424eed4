#!/usr/bin/env python3
"""Generate a large register dump (the unified-register XML form RegistryXmlParser reads).

    bench/gen-registry.py --records 500000 --out /tmp/safegate-bench/register-500k.xml [--seed 7]

Seeded and repeatable. Names are invented and live under .test / .example only. The mix follows
the real sample in ../shared/data/registry (most records are URL records whose hosts are steered
to the proxy; a few block whole domains, domain masks or addresses): per record 1-3 URLs on a
host, the host as <domain>, an IPv4 from the documentation ranges, and a decision (date,
number, authority) shared by small groups of records, as real orders cover several resources.
Written as a stream, so memory stays flat whatever --records is.
"""
import argparse
import hashlib
import random

SYLLABLES = ["ka", "zu", "mi", "ro", "te", "na", "vo", "li", "sa", "de", "po", "ri", "gu", "fe", "lo", "xi"]
TLDS = ["test", "example"]
ORGS = ["Генпрокуратура", "Роскомнадзор", "Мосгорсуд", "ФНС", "Роспотребнадзор", "суд"]
DOC_NETS = ["192.0.2", "198.51.100", "203.0.113"]


def word(rng, n):
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def record(rng, rid, decision):
    host = f"{word(rng, 3)}{rid}.{rng.choice(TLDS)}"
    kind = rng.random()
    date, number, org = decision
    attrs = f'id="{rid}" includeTime="2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00" entryType="{rng.randint(1, 5)}"'
    body = []
    if kind < 0.90:            # URL record: host steered, the URLs blocked at the proxy
        for _ in range(rng.randint(1, 3)):
            body.append(f"  <url><![CDATA[http://{host}/{word(rng, 2)}/{rng.randint(1, 99999)}.html]]></url>")
        body.append(f"  <domain><![CDATA[{host}]]></domain>")
    elif kind < 0.97:          # whole domain
        attrs += ' blockType="domain"'
        body.append(f"  <domain><![CDATA[{host}]]></domain>")
    elif kind < 0.99:          # domain mask
        attrs += ' blockType="domain-mask"'
        body.append(f"  <domain><![CDATA[*.{host}]]></domain>")
    else:                      # address record
        attrs += ' blockType="ip"'
        body.append(f"  <ipSubnet>{rng.choice(DOC_NETS)}.{rng.randint(0, 15) * 16}/28</ipSubnet>")
    body.append(f"  <ip>{rng.choice(DOC_NETS)}.{rng.randint(1, 254)}</ip>")
    digest = hashlib.md5("".join(body).encode()).hexdigest().upper()
    return (f'<content {attrs} hash="{digest}">\n'
            f'  <decision date="{date}" number="{number}" org="{org}"/>\n' + "\n".join(body) + "\n</content>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=500_000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<reg:register updateTime="2026-11-20T18:00:00+03:00" formatVersion="2.4" xmlns:reg="http://rsoc.ru">\n')
        decision = None
        for i in range(a.records):
            if i % 8 == 0:
                decision = (f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                            f"{rng.randint(1, 99)}-{rng.randint(1000, 9999)}/{2026}", rng.choice(ORGS))
            f.write(record(rng, 1_000_000 + i, decision))
        f.write("</reg:register>\n")


if __name__ == "__main__":
    main()
