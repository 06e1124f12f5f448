// SPDX-License-Identifier: GPL-3.0-or-later
// Config import (engine/config/InstanceConfig): `umgatectl config import` and config.import hand
// this parser a file an administrator edited. The stored form (instance.json, hand-editable too)
// goes through InstanceConfig::parse with the same bytes.
#include "engine/client/ExportFormat.h"
#include "engine/config/InstanceConfig.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    const ImportResult result = parseImportDocument(text);
    for (const ImportError& e : result.errors)
        fuzz::check(e.line >= 0 && e.column >= 0 && !e.toString().isEmpty(), "import errors are well formed");
    if (result.config) {
        fuzz::check(result.errors.isEmpty(), "a config comes without errors");
        // Export, import, export is byte-for-byte identical (InstanceConfig.h promises it).
        const QByteArray exported = ExportFormat::text(result.config->exportDocument());
        const ImportResult again = parseImportDocument(exported);
        fuzz::check(again.config.has_value(), "an exported config imports again",
                    QString::fromUtf8(exported));
        fuzz::check(ExportFormat::text(again.config->exportDocument()) == exported,
                    "export, import, export is stable");
        result.config->validate();
    }
    QString error;
    if (const auto stored = InstanceConfig::parse(text, &error)) {
        QString error2;
        const auto reparsed = InstanceConfig::parse(stored->serialize(), &error2);
        fuzz::check(reparsed.has_value(), "serialize() of a parsed instance.json parses", error2);
    }
    return 0;
}
