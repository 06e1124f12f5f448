#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reads a delivery status notification (RFC 3464 in RFC 6522's multipart/report) with Python's
# email package under policy.strict and prints what the test compares, one "key: value" per line.
#   dsn_check.py FILE
import sys
from email import message_from_bytes, policy

raw = open(sys.argv[1], "rb").read()
msg = message_from_bytes(raw, policy=policy.strict)
if msg.defects:
    sys.exit("defects: %r" % msg.defects)
print("content-type:", msg.get_content_type())
print("report-type:", msg.get_param("report-type"))
print("to:", msg["To"])
print("auto-submitted:", msg["Auto-Submitted"])
parts = list(msg.iter_parts())
print("parts:", ",".join(p.get_content_type() for p in parts))
status = parts[1]
blocks = status.get_payload()  # message/delivery-status: a list of header blocks
print("envid:", blocks[0]["Original-Envelope-Id"])
print("reporting-mta:", blocks[0]["Reporting-MTA"])
for b in blocks[1:]:
    print("recipient:", b["Final-Recipient"], "|", b["Action"], "|", b["Status"], "|", b["Diagnostic-Code"])
    if b["Original-Recipient"]:
        print("original:", b["Original-Recipient"])
print("text:", parts[0].get_content().replace("\n", " "))
