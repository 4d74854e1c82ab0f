#!/usr/bin/env python3
"""Extract messages lupdate cannot attribute correctly.

Files that define an anonymous-namespace wrapper
    QString tr(const char *text) { return QCoreApplication::translate("Ctx", text); }
are invisible to lupdate's context logic (it files their tr() calls under the
enclosing namespace).  This script:
  1. runs lupdate on every core/ app/ source that does NOT define such a wrapper;
  2. scans the wrapper files itself for tr("..."), QCoreApplication::translate("C", "...", ..., n)
     and QT_TRANSLATE_NOOP("C", "..."), decoding C++ escapes and adjacent-literal concatenation;
  3. merges the result into the .ts file (existing translations are kept).
Usage: extract_wrapped_tr.py [ts-file]   (run from the repository root)
"""
import os, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

TS = sys.argv[1] if len(sys.argv) > 1 else 'translations/core_cli_zh_CN.ts'
LUPDATE = os.environ.get('LUPDATE', '/usr/lib/qt6/bin/lupdate')
WRAP_RE = re.compile(r'QString\s+tr\s*\(\s*const\s+char\s*\*\s*\w+\s*\)\s*\{\s*return\s+QCoreApplication::translate\(\s*"([^"]+)"')

def sources():
    for top in ('core', 'app'):
        for d, _, fs in os.walk(top):
            for f in sorted(fs):
                if f.endswith(('.cpp', '.h', '.hpp', '.cc')):
                    yield os.path.join(d, f)

def strip_comments(s):
    out, i, n = [], 0, len(s)
    while i < n:
        c = s[i]
        if s.startswith('//', i):
            j = s.find('\n', i); j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif s.startswith('/*', i):
            j = s.find('*/', i + 2); j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', s[i:j])); i = j
        elif c in '"\'':
            j = i + 1
            while j < n and s[j] != c:
                j += 2 if s[j] == '\\' else 1
            out.append(s[i:j + 1]); i = j + 1
        else:
            out.append(c); i += 1
    return ''.join(out)

def decode_literal(body):
    b, i = bytearray(), 0
    simple = {'n': 10, 't': 9, 'r': 13, '0': 0, 'a': 7, 'b': 8, 'f': 12, 'v': 11, '\\': 92, '"': 34, "'": 39, '?': 63}
    while i < len(body):
        c = body[i]
        if c != '\\':
            b += c.encode('utf-8'); i += 1; continue
        e = body[i + 1]
        if e == 'x':
            m = re.match(r'[0-9a-fA-F]+', body[i + 2:]); b.append(int(m.group(), 16) & 0xff); i += 2 + len(m.group())
        elif e in '01234567':
            m = re.match(r'[0-7]{1,3}', body[i + 1:]); b.append(int(m.group(), 8)); i += 1 + len(m.group())
        elif e in 'uU':
            k = 4 if e == 'u' else 8; b += chr(int(body[i + 2:i + 2 + k], 16)).encode('utf-8'); i += 2 + k
        else:
            b.append(simple[e]); i += 2
    return b

def parse_args(s, i):
    """s[i] == '('; return list of (raw arg text) and end index."""
    depth, args, cur, j = 0, [], [], i
    while True:
        c = s[j]
        if c in '"\'':
            k = j + 1
            while s[k] != c:
                k += 2 if s[k] == '\\' else 1
            cur.append(s[j:k + 1]); j = k + 1; continue
        if c in '([{':
            depth += 1
            if depth > 1: cur.append(c)
        elif c in ')]}':
            depth -= 1
            if depth == 0:
                args.append(''.join(cur)); return args, j
            cur.append(c)
        elif c == ',' and depth == 1:
            args.append(''.join(cur)); cur = []
        else:
            cur.append(c)
        j += 1

def literal(arg):
    arg = arg.strip()
    parts = re.findall(r'(u8|u|U|L)?"((?:[^"\\]|\\.)*)"', arg, re.S)
    if not parts or re.sub(r'(u8|u|U|L)?"(?:[^"\\]|\\.)*"', '', arg, flags=re.S).strip():
        return None
    return bytes(b''.join(decode_literal(p[1]) for p in parts)).decode('utf-8')

def scan(path, wrapctx):
    src = strip_comments(open(path, encoding='utf-8').read())
    pat = re.compile(r'(?<![\w:.>])(tr|QCoreApplication::translate|QT_TRANSLATE_NOOP)\s*\(')
    msgs = []
    for m in pat.finditer(src):
        line = src.count('\n', 0, m.start()) + 1
        args, _ = parse_args(src, m.end() - 1)
        if m.group(1) == 'tr':
            if src[:m.start()].rstrip().endswith('QString'):  # the wrapper definition
                continue
            text = literal(args[0])
            if text is None:
                print(f'{path}:{line}: skipped non-literal tr({args[0].strip()})', file=sys.stderr); continue
            msgs.append((wrapctx, text, None, False, line))
        else:
            ctx, text = literal(args[0]), literal(args[1])
            if ctx is None or text is None:
                print(f'{path}:{line}: skipped non-literal {m.group(1)}', file=sys.stderr); continue
            disamb = literal(args[2]) if len(args) > 2 else None
            numerus = len(args) > 3 and args[3].strip() not in ('-1',)
            msgs.append((ctx, text, disamb, numerus, line))
    return msgs

def main():
    wrapped, plain = {}, []
    for f in sources():
        m = WRAP_RE.search(open(f, encoding='utf-8').read())
        if m: wrapped[f] = m.group(1)
        else: plain.append(f)
    old = {}
    if os.path.exists(TS):  # lupdate -no-obsolete would drop the wrapped messages' translations; keep them
        for c in ET.parse(TS).getroot().findall('context'):
            for x in c.findall('message'):
                cm = x.find('comment')
                old[(c.find('name').text, x.find('source').text, cm.text if cm is not None else None)] = x.find('translation')
    with tempfile.NamedTemporaryFile('w', suffix='.lst', delete=False) as lst:
        lst.write('\n'.join(plain) + '\n')
    subprocess.run([LUPDATE, '-locations', 'relative', '-no-obsolete', '@' + lst.name, '-ts', TS], check=True, timeout=300)
    os.unlink(lst.name)
    tree = ET.parse(TS); root = tree.getroot()
    rel = os.path.relpath('.', os.path.dirname(TS))
    ctxs = {c.find('name').text: c for c in root.findall('context')}
    added = 0
    for f, wctx in sorted(wrapped.items()):
        print(f'wrapper: {f} -> context "{wctx}"', file=sys.stderr)
        for ctx, text, disamb, numerus, line in scan(f, wctx):
            c = ctxs.get(ctx)
            if c is None:
                c = ET.SubElement(root, 'context'); ET.SubElement(c, 'name').text = ctx; ctxs[ctx] = c
            existing = [x for x in c.findall('message') if x.find('source').text == text
                        and (x.find('comment').text if x.find('comment') is not None else None) == disamb]
            loc = ET.Element('location', filename=os.path.join(rel, f), line=str(line))
            if existing:
                msg = existing[0]
                msg.insert(len(msg.findall('location')), loc); continue
            msg = ET.SubElement(c, 'message')
            if numerus: msg.set('numerus', 'yes')
            msg.append(loc)
            ET.SubElement(msg, 'source').text = text
            if disamb: ET.SubElement(msg, 'comment').text = disamb
            prev = old.get((ctx, text, disamb))
            if prev is not None:
                msg.append(prev)
            else:
                tr = ET.SubElement(msg, 'translation', type='unfinished')
                if numerus: ET.SubElement(tr, 'numerusform')
            added += 1
    # sort contexts by name, like lupdate
    cs = sorted(root.findall('context'), key=lambda c: c.find('name').text)
    for c in cs: root.remove(c)
    for c in cs: root.append(c)
    ET.indent(tree, space='    ')
    with open(TS, 'w', encoding='utf-8') as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        # XML parsers turn a raw CR into LF; write it as a character reference so "\r" survives
        out.write(ET.tostring(root, encoding='unicode').replace('\r', '&#xd;') + '\n')
    print(f'added {added} message(s) from {len(wrapped)} wrapper file(s)', file=sys.stderr)

if __name__ == '__main__':
    main()
