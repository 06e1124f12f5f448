#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reads the fax, voice and SMS mails of tst_mail_e2e from Dovecot over IMAP and checks each with
# Python's email package in policy.strict (any defect raises). Prints one JSON line per mail.
#   mail_e2e_check.py PORT USER PASSWORD MARKER COUNT
import email, email.policy, imaplib, json, struct, sys, time, zlib

port, user, password, marker, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])

def fetch():
    m = imaplib.IMAP4('127.0.0.1', port, timeout=10)
    m.login(user, password)
    m.select('INBOX', readonly=True)
    typ, data = m.search(None, 'HEADER', 'X-UMS-Kernel-Id', marker)
    mails = []
    for num in data[0].split():
        typ, parts = m.fetch(num, '(RFC822)')
        mails.append(parts[0][1])
    m.logout()
    return mails

mails = []
for _ in range(120):  # bounded: 60 s
    mails = fetch()
    if len(mails) >= count:
        break
    time.sleep(0.5)
if len(mails) < count:
    sys.exit(f'only {len(mails)} of {count} mails arrived in the IMAP inbox')

def png_ok(data):
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        return False
    pos, idat = 8, b''
    w = h = 0
    while pos < len(data):
        n, = struct.unpack('>I', data[pos:pos + 4]); kind = data[pos + 4:pos + 8]; body = data[pos + 8:pos + 8 + n]
        if zlib.crc32(kind + body) != struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])[0]:
            return False
        if kind == b'IHDR':
            w, h = struct.unpack('>II', body[:8])
        if kind == b'IDAT':
            idat += body
        pos += 12 + n
    return len(zlib.decompress(idat)) == (w + 1) * h

for raw in mails:
    msg = email.message_from_bytes(raw, policy=email.policy.strict)
    head = raw.split(b'\r\n\r\n', 1)[0]
    out = {'type': str(msg['X-UMS-Type']), 'subject': str(msg['Subject']), 'messageId': str(msg['Message-ID']),
           'to': [{'name': a.display_name, 'addr': a.addr_spec} for a in msg['To'].addresses],
           'maxHeaderLine': max(len(l) for l in head.split(b'\r\n')), 'parts': [], 'tree': []}
    for part in msg.walk():
        out['tree'].append(part.get_content_type())
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        p = {'type': part.get_content_type(), 'filename': part.get_filename(), 'bytes': len(payload),
             'duration': part.get('Content-Duration')}
        if part.get_content_maintype() == 'text':
            p['text'] = part.get_content().replace('\r\n', '\n')  # the wire's CRLF
        if p['type'] == 'image/png':
            p['pngOk'] = png_ok(payload)
        if p['type'] == 'application/pdf':
            p['pdfOk'] = payload.startswith(b'%PDF-') and b'%%EOF' in payload[-64:]
        if p['type'] == 'audio/wav':
            p['wavOk'] = payload[:4] == b'RIFF' and payload[8:12] == b'WAVE'
        out['parts'].append(p)
    print(json.dumps(out))
