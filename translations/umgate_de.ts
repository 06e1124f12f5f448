<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <location filename="../app/umgate/main.cpp" line="121"/>
        <source>The umgate admin console.</source>
        <translation>Die Verwaltungskonsole von umgate.</translation>
    </message>
    <message>
        <location filename="../app/umgate/main.cpp" line="125"/>
        <source>The local engine&apos;s data directory.</source>
        <translation>Das Datenverzeichnis der lokalen Engine.</translation>
    </message>
    <message>
        <location filename="../app/umgate/main.cpp" line="127"/>
        <source>A remote engine over TLS, umgate://HOST:PORT.</source>
        <translation>Eine entfernte Engine über TLS, umgate://HOST:PORT.</translation>
    </message>
    <message>
        <location filename="../app/umgate/main.cpp" line="131"/>
        <source>Admin token for --connect (default: $UMGATE_TOKEN).</source>
        <translation>Admin-Token für --connect (Standard: $UMGATE_TOKEN).</translation>
    </message>
    <message>
        <location filename="../app/umgate/main.cpp" line="135"/>
        <source>PEM CA certificate(s) for --connect (default: $UMGATE_CA_FILE).</source>
        <translation>PEM-CA-Zertifikat(e) für --connect (Standard: $UMGATE_CA_FILE).</translation>
    </message>
</context>
<context>
    <name>umgate::CertificateImportDialog</name>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="40"/>
        <source>Import Certificate - %1</source>
        <translation>Zertifikat importieren - %1</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="41"/>
        <source>Install the certificate and private key from a PKCS#12 file (.pfx, .p12) as the files named on the Encryption tab. Mail servers connecting from now on get the new certificate.</source>
        <translation>Installiert Zertifikat und privaten Schlüssel aus einer PKCS#12-Datei (.pfx, .p12) als die auf der Registerkarte Verschlüsselung genannten Dateien. Mailserver, die sich ab jetzt verbinden, erhalten das neue Zertifikat.</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="49"/>
        <source>&amp;Browse...</source>
        <translation>&amp;Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="63"/>
        <source>PKCS#12 &amp;file:</source>
        <translation>PKCS#12-&amp;Datei:</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="65"/>
        <source>&amp;Password:</source>
        <translation>&amp;Kennwort:</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="78"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="95"/>
        <source>PKCS#12 File</source>
        <translation>PKCS#12-Datei</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="96"/>
        <source>PKCS#12 files (*.pfx *.p12);;All files (*)</source>
        <translation>PKCS#12-Dateien (*.pfx *.p12);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="115"/>
        <source>Choose the PKCS#12 file (.pfx, .p12) to import.</source>
        <translation>Wählen Sie die zu importierende PKCS#12-Datei (.pfx, .p12).</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="123"/>
        <source>The file is %1 KB; a certificate file is much smaller (at most %2 KB).</source>
        <translation>Die Datei ist %1 KB groß; eine Zertifikatsdatei ist viel kleiner (höchstens %2 KB).</translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="130"/>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/CertificateImportDialog.cpp" line="163"/>
        <source>Installed the certificate for %1, issued by %2, valid until %3, with %n CA certificate(s), as %4 and %5.</source>
        <translation>
            <numerusform>Zertifikat für %1 installiert, ausgestellt von %2, gültig bis %3, mit %n CA-Zertifikat, als %4 und %5.</numerusform>
            <numerusform>Zertifikat für %1 installiert, ausgestellt von %2, gültig bis %3, mit %n CA-Zertifikaten, als %4 und %5.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/CertificateImportDialog.cpp" line="171"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>umgate::ConsoleTreeModel</name>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="45"/>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="47"/>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="49"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="51"/>
        <source>Mail System</source>
        <translation>Mailsystem</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="53"/>
        <source>LDAP</source>
        <translation>LDAP</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="55"/>
        <source>Global User Settings</source>
        <translation>Globale Benutzereinstellungen</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="57"/>
        <source>Cover Page</source>
        <translation>Deckblatt</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="59"/>
        <source>Print Unread</source>
        <translation>PrintUnread</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="61"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="63"/>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="65"/>
        <source>Subscriber Mailboxes</source>
        <translation>Teilnehmer-Postfächer</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="67"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="69"/>
        <source>Misc Setup</source>
        <translation>Sonstige Einstellungen</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="71"/>
        <source>System Preferences: Email</source>
        <translation>Systemeinstellungen: E-Mail</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="323"/>
        <source>%1 (connecting)</source>
        <translation>%1 (Verbindung wird hergestellt)</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="324"/>
        <source>%1 (disconnected)</source>
        <translation>%1 (getrennt)</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="332"/>
        <source>Queue (%1)</source>
        <translation>Warteschlange (%1)</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="347"/>
        <source>State: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="350"/>
        <source>Listening on: %1</source>
        <translation>Lauscht auf: %1</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="352"/>
        <source>Not listening</source>
        <translation>Lauscht nicht</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="353"/>
        <source>Mails in SMTPOut: %1</source>
        <translation>Mails in SMTPOut: %1</translation>
    </message>
    <message>
        <location filename="../models/console/ConsoleTreeModel.cpp" line="354"/>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
</context>
<context>
    <name>umgate::CoverPage</name>
    <message>
        <location filename="../views/CoverPage.cpp" line="14"/>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <location filename="../views/CoverPage.cpp" line="18"/>
        <source>&amp;Call Numbers</source>
        <translation>&amp;Rufnummern</translation>
    </message>
    <message>
        <location filename="../views/CoverPage.cpp" line="21"/>
        <source>Ad&amp;vanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <location filename="../views/CoverPage.cpp" line="30"/>
        <source>Cover Page</source>
        <translation>Deckblatt</translation>
    </message>
</context>
<context>
    <name>umgate::EngineConnection</name>
    <message>
        <location filename="../models/console/EngineConnection.cpp" line="89"/>
        <source>local (%1)</source>
        <translation>lokal (%1)</translation>
    </message>
    <message>
        <location filename="../models/console/EngineConnection.cpp" line="134"/>
        <source>%1 failed after connecting: %2</source>
        <translation>%1 ist nach dem Verbindungsaufbau fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>umgate::GeneralPage</name>
    <message>
        <location filename="../views/GeneralPage.cpp" line="18"/>
        <source>&amp;IP Addresses</source>
        <translation>&amp;IP-Adressen</translation>
    </message>
    <message>
        <location filename="../views/GeneralPage.cpp" line="22"/>
        <source>&amp;Authentication</source>
        <translation>&amp;Authentifizierung</translation>
    </message>
    <message>
        <location filename="../views/GeneralPage.cpp" line="29"/>
        <source>&amp;Encryption</source>
        <translation>&amp;Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../views/GeneralPage.cpp" line="35"/>
        <source>Import from PKCS#12 &amp;File...</source>
        <translation>Aus PKCS#12-&amp;Datei importieren...</translation>
    </message>
    <message>
        <location filename="../views/GeneralPage.cpp" line="37"/>
        <source>Install a certificate with its private key from a .pfx or .p12 file as the two files above.</source>
        <translation>Installiert ein Zertifikat mit seinem privaten Schlüssel aus einer .pfx- oder .p12-Datei als die beiden Dateien oben.</translation>
    </message>
    <message>
        <location filename="../views/GeneralPage.cpp" line="45"/>
        <source>&amp;Limits</source>
        <translation>&amp;Grenzen</translation>
    </message>
    <message>
        <location filename="../views/GeneralPage.cpp" line="51"/>
        <source>&amp;Site</source>
        <translation>&amp;Standort</translation>
    </message>
    <message>
        <location filename="../views/GeneralPage.cpp" line="57"/>
        <source>&amp;Relay</source>
        <translation>&amp;Weiterleitung</translation>
    </message>
    <message>
        <location filename="../views/GeneralPage.cpp" line="65"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
</context>
<context>
    <name>umgate::GlobalUserSettingsPage</name>
    <message>
        <location filename="../views/GlobalUserSettingsPage.cpp" line="15"/>
        <source>&amp;Rights</source>
        <translation>&amp;Rechte</translation>
    </message>
    <message>
        <location filename="../views/GlobalUserSettingsPage.cpp" line="27"/>
        <source>&amp;HTML Report</source>
        <translation>&amp;HTML-Bericht</translation>
    </message>
    <message>
        <location filename="../views/GlobalUserSettingsPage.cpp" line="30"/>
        <source>&amp;Unknown Sender</source>
        <translation>&amp;Unbekannter Absender</translation>
    </message>
    <message>
        <location filename="../views/GlobalUserSettingsPage.cpp" line="38"/>
        <source>Global User Settings</source>
        <translation>Globale Benutzereinstellungen</translation>
    </message>
</context>
<context>
    <name>umgate::InformationPage</name>
    <message>
        <location filename="../views/InformationPage.cpp" line="48"/>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="50"/>
        <source>Engine:</source>
        <translation>Engine:</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="51"/>
        <source>Console:</source>
        <translation>Konsole:</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="52"/>
        <source>RPC protocol:</source>
        <translation>RPC-Protokoll:</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="53"/>
        <source>Process ID:</source>
        <translation>Prozess-ID:</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="54"/>
        <source>Running for:</source>
        <translation>Läuft seit:</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="55"/>
        <source>Paths</source>
        <translation>Pfade</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="57"/>
        <source>Data directory:</source>
        <translation>Datenverzeichnis:</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="58"/>
        <source>RPC socket:</source>
        <translation>RPC-Socket:</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="59"/>
        <source>Secret store:</source>
        <translation>Geheimnisspeicher:</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="65"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="65"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="65"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="65"/>
        <source>Listening on</source>
        <translation>Lauscht auf</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="65"/>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="65"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="65"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="66"/>
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="70"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="87"/>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="103"/>
        <source>The engine status could not be read: %1</source>
        <translation>Der Status der Engine konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="112"/>
        <source>%1 h %2 min %3 s</source>
        <translation>%1 h %2 min %3 s</translation>
    </message>
    <message>
        <location filename="../views/InformationPage.cpp" line="133"/>
        <source>broken</source>
        <translation>defekt</translation>
    </message>
</context>
<context>
    <name>umgate::InstanceChooserPage</name>
    <message>
        <location filename="../views/InstanceChooserPage.cpp" line="24"/>
        <source>I&amp;nstance:</source>
        <translation>I&amp;nstanz:</translation>
    </message>
</context>
<context>
    <name>umgate::InstanceSettings</name>
    <message>
        <location filename="../models/console/InstanceSettings.cpp" line="51"/>
        <source>Reading the settings of %1 failed: %2</source>
        <translation>Die Einstellungen von %1 konnten nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../models/console/InstanceSettings.cpp" line="147"/>
        <source>Not connected to the engine; the changes to %1 were not applied</source>
        <translation>Keine Verbindung zur Engine; die Änderungen an %1 wurden nicht übernommen</translation>
    </message>
    <message>
        <location filename="../models/console/InstanceSettings.cpp" line="168"/>
        <source>The settings of %1 were not applied: %2</source>
        <translation>Die Einstellungen von %1 wurden nicht übernommen: %2</translation>
    </message>
</context>
<context>
    <name>umgate::LdapPage</name>
    <message>
        <location filename="../views/LdapPage.cpp" line="14"/>
        <source>&amp;Connection</source>
        <translation>&amp;Verbindung</translation>
    </message>
    <message>
        <location filename="../views/LdapPage.cpp" line="18"/>
        <source>&amp;Registration Data</source>
        <translation>&amp;Anmeldedaten</translation>
    </message>
    <message>
        <location filename="../views/LdapPage.cpp" line="21"/>
        <source>&amp;Base DN</source>
        <translation>&amp;Basis-DN</translation>
    </message>
    <message>
        <location filename="../views/LdapPage.cpp" line="22"/>
        <source>&amp;Search</source>
        <translation>&amp;Suche</translation>
    </message>
    <message>
        <location filename="../views/LdapPage.cpp" line="29"/>
        <source>LDAP</source>
        <translation>LDAP</translation>
    </message>
</context>
<context>
    <name>umgate::LogPage</name>
    <message>
        <location filename="../views/LogPage.cpp" line="34"/>
        <location filename="../views/LogPage.cpp" line="126"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="35"/>
        <source>Size MB</source>
        <translation>Größe MB</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="36"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="40"/>
        <source>&amp;Connector</source>
        <translation>&amp;Connector</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="47"/>
        <source>&amp;PrintUnread</source>
        <translation>&amp;PrintUnread</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="58"/>
        <source>&amp;Live View</source>
        <translation>&amp;Live-Ansicht</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="70"/>
        <source>%1: size MB</source>
        <translation>%1: Größe MB</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="71"/>
        <source>%1: count</source>
        <translation>%1: Anzahl</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="76"/>
        <source>Open...</source>
        <translation>Öffnen...</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="97"/>
        <source>Log: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="102"/>
        <source>Loading...</source>
        <translation>Wird geladen...</translation>
    </message>
    <message>
        <location filename="../views/LogPage.cpp" line="116"/>
        <source>The log could not be read: %1</source>
        <translation>Das Protokoll konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>umgate::LogTailModel</name>
    <message>
        <location filename="../models/console/LogTailModel.cpp" line="83"/>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location filename="../models/console/LogTailModel.cpp" line="85"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../models/console/LogTailModel.cpp" line="87"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../models/console/LogTailModel.cpp" line="89"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../models/console/LogTailModel.cpp" line="112"/>
        <source>Reading the log %1 of %2 failed: %3</source>
        <translation>Das Protokoll %1 von %2 konnte nicht gelesen werden: %3</translation>
    </message>
    <message>
        <location filename="../models/console/LogTailModel.cpp" line="201"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../models/console/LogTailModel.cpp" line="203"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../models/console/LogTailModel.cpp" line="205"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>umgate::LogViewWidget</name>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="31"/>
        <source>LDAP search</source>
        <translation>LDAP-Suche</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="32"/>
        <source>SMTP connection</source>
        <translation>SMTP-Verbindung</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="33"/>
        <source>Message ID</source>
        <translation>Message-ID</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="36"/>
        <source>All lines</source>
        <translation>Alle Zeilen</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="37"/>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="38"/>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="39"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="42"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="44"/>
        <source>C&amp;lear View</source>
        <translation>Ansicht l&amp;eeren</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="47"/>
        <source>Empty &amp;File...</source>
        <translation>&amp;Datei leeren...</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="60"/>
        <source>Lo&amp;g:</source>
        <translation>Proto&amp;koll:</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="62"/>
        <source>Le&amp;vel:</source>
        <translation>&amp;Stufe:</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="91"/>
        <source>Empty Log File</source>
        <translation>Protokolldatei leeren</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="92"/>
        <source>Empty the current %1 file of %2 on the engine? Older files are kept.</source>
        <translation>Die aktuelle Datei „%1“ von %2 auf der Engine leeren? Ältere Dateien bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../views/LogViewWidget.cpp" line="101"/>
        <source>The log was not emptied: %1</source>
        <translation>Das Protokoll wurde nicht geleert: %1</translation>
    </message>
</context>
<context>
    <name>umgate::MailSystemPage</name>
    <message>
        <location filename="../views/MailSystemPage.cpp" line="24"/>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <location filename="../views/MailSystemPage.cpp" line="28"/>
        <source>&amp;Message Store</source>
        <translation>&amp;Nachrichtenspeicher</translation>
    </message>
    <message>
        <location filename="../views/MailSystemPage.cpp" line="32"/>
        <source>&amp;Template</source>
        <translation>&amp;Vorlage</translation>
    </message>
    <message>
        <location filename="../views/MailSystemPage.cpp" line="39"/>
        <source>Example:</source>
        <translation>Beispiel:</translation>
    </message>
    <message>
        <location filename="../views/MailSystemPage.cpp" line="41"/>
        <source>&amp;Polling</source>
        <translation>&amp;Polling</translation>
    </message>
    <message>
        <location filename="../views/MailSystemPage.cpp" line="43"/>
        <source>&amp;Authentication</source>
        <translation>A&amp;uthentifizierung</translation>
    </message>
    <message>
        <location filename="../views/MailSystemPage.cpp" line="46"/>
        <source>&amp;Encryption</source>
        <translation>V&amp;erschlüsselung</translation>
    </message>
    <message>
        <location filename="../views/MailSystemPage.cpp" line="62"/>
        <source>Mail System</source>
        <translation>Mailsystem</translation>
    </message>
</context>
<context>
    <name>umgate::MainWindow</name>
    <message>
        <location filename="../views/MainWindow.cpp" line="60"/>
        <source>umgate Console</source>
        <translation>umgate-Konsole</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="141"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="144"/>
        <source>&amp;Import Instance Configuration...</source>
        <translation>Instanzkonfiguration &amp;importieren...</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="147"/>
        <source>&amp;Export Instance Configuration...</source>
        <translation>Instanzkonfiguration &amp;exportieren...</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="150"/>
        <source>&amp;Connect to Remote Engine...</source>
        <translation>Mit entfernter Engine &amp;verbinden...</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="153"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="157"/>
        <source>&amp;Instance</source>
        <translation>&amp;Instanz</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="159"/>
        <source>&amp;New Instance...</source>
        <translation>&amp;Neue Instanz...</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="162"/>
        <source>&amp;Remove Instance...</source>
        <translation>Instanz &amp;entfernen...</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="165"/>
        <source>Send &amp;Test Message...</source>
        <translation>&amp;Testnachricht senden...</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="202"/>
        <source>Unsaved Changes</source>
        <translation>Nicht übernommene Änderungen</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="203"/>
        <source>The page &quot;%1&quot; has changes that are not applied yet. Apply them now?</source>
        <translation>Die Seite „%1“ enthält Änderungen, die noch nicht übernommen wurden. Jetzt übernehmen?</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="242"/>
        <source>Settings applied.</source>
        <translation>Einstellungen übernommen.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="248"/>
        <source>%1 - %2</source>
        <translation>%1 - %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="296"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="303"/>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="306"/>
        <source>Connecting to %1...</source>
        <translation>Verbindung zu %1 wird hergestellt...</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="310"/>
        <source>Disconnected from %1</source>
        <translation>Verbindung zu %1 getrennt</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="311"/>
        <source>Disconnected from %1: %2</source>
        <translation>Verbindung zu %1 getrennt: %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="323"/>
        <source>Instance %1: %2</source>
        <translation>Instanz %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/MainWindow.cpp" line="326"/>
        <source>Queue: %n message(s)</source>
        <translation>
            <numerusform>Warteschlange: %n Nachricht</numerusform>
            <numerusform>Warteschlange: %n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="364"/>
        <source>Import Instance Configuration</source>
        <translation>Instanzkonfiguration importieren</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="365"/>
        <location filename="../views/MainWindow.cpp" line="458"/>
        <source>Instance configurations (*.json);;All files (*)</source>
        <translation>Instanzkonfigurationen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="375"/>
        <location filename="../views/MainWindow.cpp" line="381"/>
        <location filename="../views/MainWindow.cpp" line="420"/>
        <location filename="../views/MainWindow.cpp" line="427"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="375"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="382"/>
        <source>%1 is larger than 4 MB; it is not an instance configuration.</source>
        <translation>%1 ist größer als 4 MB und daher keine Instanzkonfiguration.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="394"/>
        <source>Importing %1...</source>
        <translation>%1 wird importiert...</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="394"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="413"/>
        <source>Imported instance %1.</source>
        <translation>Instanz %1 importiert.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="420"/>
        <source>%1 was not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="428"/>
        <source>%1

Import it under this instance ID:</source>
        <translation>%1

Unter dieser Instanz-ID importieren:</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="453"/>
        <location filename="../views/MainWindow.cpp" line="472"/>
        <location filename="../views/MainWindow.cpp" line="481"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="453"/>
        <location filename="../views/MainWindow.cpp" line="560"/>
        <location filename="../views/MainWindow.cpp" line="624"/>
        <source>Select an instance in the tree first.</source>
        <translation>Wählen Sie zuerst eine Instanz in der Baumansicht aus.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="457"/>
        <source>Export Instance Configuration</source>
        <translation>Instanzkonfiguration exportieren</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="472"/>
        <source>%1 was not exported: %2</source>
        <translation>%1 wurde nicht exportiert: %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="481"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="484"/>
        <source>Exported %1 to %2.</source>
        <translation>%1 nach %2 exportiert.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="499"/>
        <source>The token could not be stored in the system keychain: %1</source>
        <translation>Das Token konnte nicht im Schlüsselbund des Systems gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="520"/>
        <source>No token for %1 in the system keychain (%2); connect again under File.</source>
        <translation>Kein Token für %1 im Schlüsselbund des Systems (%2); verbinden Sie sich erneut über „Datei“.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="528"/>
        <source>%1 not connected: %2</source>
        <translation>%1 nicht verbunden: %2</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="560"/>
        <location filename="../views/MainWindow.cpp" line="564"/>
        <location filename="../views/MainWindow.cpp" line="588"/>
        <location filename="../views/MainWindow.cpp" line="594"/>
        <source>Remove Instance</source>
        <translation>Instanz entfernen</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="565"/>
        <source>Remove the instance %1 with its settings, logs and embedded directory?</source>
        <translation>Die Instanz %1 mit ihren Einstellungen, Protokollen und dem eingebetteten Verzeichnis entfernen?</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="582"/>
        <source>Instance %1 removed.</source>
        <translation>Instanz %1 entfernt.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="583"/>
        <source>Instance %1 removed; its queue is kept in %2.</source>
        <translation>Instanz %1 entfernt; ihre Warteschlange wurde in %2 aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="588"/>
        <source>%1 was not removed: %2</source>
        <translation>%1 wurde nicht entfernt: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/MainWindow.cpp" line="595"/>
        <source>%1 still has %n unsent message(s) in its queue.</source>
        <translation>
            <numerusform>%1 hat noch %n nicht gesendete Nachricht in der Warteschlange.</numerusform>
            <numerusform>%1 hat noch %n nicht gesendete Nachrichten in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="600"/>
        <source>Keep the queue to move it aside for later delivery, or delete the messages.</source>
        <translation>Behalten Sie die Warteschlange, um sie für eine spätere Zustellung beiseitezulegen, oder löschen Sie die Nachrichten.</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="601"/>
        <source>&amp;Keep Queue</source>
        <translation>Warteschlange &amp;behalten</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="603"/>
        <source>&amp;Delete Messages</source>
        <translation>Nachrichten &amp;löschen</translation>
    </message>
    <message>
        <location filename="../views/MainWindow.cpp" line="624"/>
        <source>Send Test Message</source>
        <translation>Testnachricht senden</translation>
    </message>
    <message>
        <location filename="../app/umgate/main.cpp" line="173"/>
        <source>No engine answers and umgated was not found.</source>
        <translation>Keine Engine antwortet und umgated wurde nicht gefunden.</translation>
    </message>
    <message>
        <location filename="../app/umgate/main.cpp" line="179"/>
        <source>No engine answers and %1 could not be started.</source>
        <translation>Keine Engine antwortet und %1 konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <location filename="../app/umgate/main.cpp" line="182"/>
        <source>Started the engine for %1.</source>
        <translation>Engine für %1 gestartet.</translation>
    </message>
</context>
<context>
    <name>umgate::MiscSetup</name>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="73"/>
        <source>Protocol used to read subscriber mailboxes for e-mail integration (NEC g_szEmailDllPath): imap4 synchronises folders, pop3 downloads and deletes.</source>
        <translation>Protokoll, mit dem die Teilnehmerpostfächer für die E-Mail-Integration gelesen werden (NEC g_szEmailDllPath): imap4 synchronisiert Ordner, pop3 lädt herunter und löscht.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="80"/>
        <source>Where passwords are kept: auto uses the Secret Service when one answers, else the 0600 file DATA/secrets; keychain never falls back; file never uses D-Bus. Applies at engine start.</source>
        <translation>Wo Kennwörter abgelegt werden: auto nutzt den Secret Service, wenn einer antwortet, sonst die Datei DATA/secrets (0600); keychain weicht nie auf die Datei aus; file nutzt nie D-Bus. Gilt ab dem nächsten Start der Engine.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="85"/>
        <source>Accept remote consoles and umgatectl over TCP with TLS and per-admin bearer tokens.</source>
        <translation>Entfernte Konsolen und umgatectl über TCP mit TLS und Bearer-Token je Administrator zulassen.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="89"/>
        <source>Address the remote RPC listener binds to.</source>
        <translation>Adresse, an die der entfernte RPC-Listener gebunden wird.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="90"/>
        <source>Port of the remote RPC listener.</source>
        <translation>Port des entfernten RPC-Listeners.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="93"/>
        <source>PEM certificate (chain) of the remote RPC listener; required when rpc.tcp.enabled is on.</source>
        <translation>PEM-Zertifikat (Kette) des entfernten RPC-Listeners; erforderlich, wenn rpc.tcp.enabled eingeschaltet ist.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="97"/>
        <source>PEM private key of the remote RPC listener; keep it 0600.</source>
        <translation>Privater PEM-Schlüssel des entfernten RPC-Listeners; mit Rechten 0600 aufbewahren.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="100"/>
        <source>Largest JSON-RPC request line accepted; longer lines are refused and the client dropped.</source>
        <translation>Größte angenommene JSON-RPC-Anfragezeile; längere Zeilen werden abgelehnt und der Client getrennt.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="105"/>
        <source>Concurrent connections on the local socket; further ones are refused. Remote clients have their own limit (rpc.tcp.maxClients).</source>
        <translation>Gleichzeitige Verbindungen über den lokalen Socket; weitere werden abgelehnt. Entfernte Clients haben ein eigenes Limit (rpc.tcp.maxClients).</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="110"/>
        <source>Concurrent remote (TLS) connections, authenticated or not; further ones are closed.</source>
        <translation>Gleichzeitige entfernte (TLS-)Verbindungen, angemeldet oder nicht; weitere werden geschlossen.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="115"/>
        <source>Remote connections from one address that have not authenticated yet; further ones are closed.</source>
        <translation>Entfernte Verbindungen von einer Adresse, die sich noch nicht angemeldet haben; weitere werden geschlossen.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="121"/>
        <source>Seconds a new RPC connection has to authenticate before it is dropped.</source>
        <translation>Sekunden, in denen sich eine neue RPC-Verbindung anmelden muss, bevor sie getrennt wird.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="125"/>
        <source>Seconds an authenticated client may stay silent unless it subscribed to events.</source>
        <translation>Sekunden, die ein angemeldeter Client still bleiben darf, sofern er keine Ereignisse abonniert hat.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="130"/>
        <source>Seconds a directory answer (user found) is cached; 0 disables the cache.</source>
        <translation>Sekunden, die eine Verzeichnisantwort (Benutzer gefunden) zwischengespeichert wird; 0 schaltet den Cache ab.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="134"/>
        <source>Seconds a &apos;no such user&apos; answer is cached; 0 disables it.</source>
        <translation>Sekunden, die eine Antwort „kein solcher Benutzer“ zwischengespeichert wird; 0 schaltet dies ab.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="137"/>
        <source>Disk space the SMTPOut queues may use together; above it intake pauses (nothing is dropped).</source>
        <translation>Speicherplatz, den die SMTPOut-Warteschlangen zusammen belegen dürfen; darüber pausiert die Annahme (nichts wird verworfen).</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="142"/>
        <source>Parallel SMTP connections an instance opens to its mail server.</source>
        <translation>Parallele SMTP-Verbindungen, die eine Instanz zu ihrem Mail-Server öffnet.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="147"/>
        <source>Result of a 5xx greeting (NEC table row C=5): deferral retries later, failure gives up.</source>
        <translation>Ergebnis einer 5xx-Begrüßung (NEC-Tabellenzeile C=5): deferral versucht es später erneut, failure gibt auf.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="151"/>
        <source>Result of a 5xx answer to HELO/EHLO (NEC table row H=5).</source>
        <translation>Ergebnis einer 5xx-Antwort auf HELO/EHLO (NEC-Tabellenzeile H=5).</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="153"/>
        <source>Result of a 5xx answer to MAIL FROM (NEC table row M=5).</source>
        <translation>Ergebnis einer 5xx-Antwort auf MAIL FROM (NEC-Tabellenzeile M=5).</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="156"/>
        <source>When the directory cannot be asked about an incoming message: wait keeps it in the kernel spool and tries again; defaultRecipient delivers it to the default recipient at once.</source>
        <translation>Wenn das Verzeichnis zu einer eingehenden Nachricht nicht befragt werden kann: wait behält sie im Kernel-Spool und versucht es erneut; defaultRecipient stellt sie sofort dem Standardempfänger zu.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="161"/>
        <source>Seconds the SMTP client waits for a connection or a reply before it defers the mail.</source>
        <translation>Sekunden, die der SMTP-Client auf eine Verbindung oder eine Antwort wartet, bevor er die Mail zurückstellt.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="166"/>
        <source>DNS server asked for the MX records of Direct SMTP entries, as ip or ip:port; empty asks the system&apos;s servers (/etc/resolv.conf).</source>
        <translation>DNS-Server, der nach den MX-Einträgen von Direct-SMTP-Einträgen gefragt wird, als ip oder ip:port; leer fragt die Server des Systems (/etc/resolv.conf).</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="171"/>
        <source>Seconds an idle SMTP connection is kept open for the next mail before QUIT.</source>
        <translation>Sekunden, die eine unbenutzte SMTP-Verbindung für die nächste Mail offen bleibt, bevor QUIT gesendet wird.</translation>
    </message>
    <message>
        <location filename="../engine/config/MiscSetup.cpp" line="175"/>
        <source>Lowest level written to the engine log and sent to live log viewers.</source>
        <translation>Niedrigste Stufe, die ins Engine-Protokoll geschrieben und an Live-Protokollansichten gesendet wird.</translation>
    </message>
</context>
<context>
    <name>umgate::MiscSetupModel</name>
    <message>
        <location filename="../models/console/MiscSetupModel.cpp" line="109"/>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <location filename="../models/console/MiscSetupModel.cpp" line="113"/>
        <source>When checked, the default applies instead of the value</source>
        <translation>Wenn aktiviert, gilt der Standardwert statt des eingestellten Werts</translation>
    </message>
    <message>
        <location filename="../models/console/MiscSetupModel.cpp" line="129"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../models/console/MiscSetupModel.cpp" line="131"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../models/console/MiscSetupModel.cpp" line="133"/>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <location filename="../models/console/MiscSetupModel.cpp" line="135"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../models/console/MiscSetupModel.cpp" line="186"/>
        <source>Misc Setup %1 was not changed: %2</source>
        <translation>Die sonstige Einstellung %1 wurde nicht geändert: %2</translation>
    </message>
    <message>
        <location filename="../models/console/MiscSetupModel.cpp" line="213"/>
        <source>Reading Misc Setup failed: %1</source>
        <translation>Die sonstigen Einstellungen konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>umgate::MiscSetupPage</name>
    <message>
        <location filename="../views/MiscSetupPage.cpp" line="47"/>
        <source>&amp;Edit...</source>
        <translation>&amp;Bearbeiten...</translation>
    </message>
    <message>
        <location filename="../views/MiscSetupPage.cpp" line="49"/>
        <source>Reset to &amp;Default</source>
        <translation>Auf &amp;Standard zurücksetzen</translation>
    </message>
    <message>
        <location filename="../views/MiscSetupPage.cpp" line="78"/>
        <source>Misc Setup</source>
        <translation>Sonstige Einstellungen</translation>
    </message>
    <message>
        <location filename="../views/MiscSetupPage.cpp" line="99"/>
        <source>Misc Setup: %1</source>
        <translation>Sonstige Einstellungen: %1</translation>
    </message>
    <message>
        <location filename="../views/MiscSetupPage.cpp" line="103"/>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <location filename="../views/MiscSetupPage.cpp" line="107"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../views/MiscSetupPage.cpp" line="127"/>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <location filename="../views/MiscSetupPage.cpp" line="131"/>
        <source>&amp;Ignore (use the default: %1)</source>
        <translation>&amp;Ignorieren (Standard verwenden: %1)</translation>
    </message>
</context>
<context>
    <name>umgate::NewInstanceWizard</name>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="66"/>
        <location filename="../views/NewInstanceWizard.cpp" line="286"/>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="68"/>
        <source>Each instance is a connector of its own with its own settings, queue and logs. The ID names its folder and cannot change later.</source>
        <translation>Jede Instanz ist ein eigener Connector mit eigenen Einstellungen, eigener Warteschlange und eigenen Protokollen. Die ID benennt ihren Ordner und kann später nicht geändert werden.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="78"/>
        <source>Instance &amp;name:</source>
        <translation>Instanz&amp;name:</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="80"/>
        <source>Instance &amp;ID:</source>
        <translation>Instanz-&amp;ID:</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="130"/>
        <source>An instance %1 exists already.</source>
        <translation>Eine Instanz %1 ist bereits vorhanden.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="133"/>
        <source>An instance</source>
        <translation>Eine Instanz</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="150"/>
        <source>User Management</source>
        <translation>Benutzerverwaltung</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="152"/>
        <source>Where the users and their UMS numbers are kept. The choice fills in the LDAP attribute and search template the manual suggests.</source>
        <translation>Wo die Benutzer und ihre UMS-Nummern gepflegt werden. Die Auswahl setzt das LDAP-Attribut und die Suchvorlage, die das Handbuch empfiehlt.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="157"/>
        <source>Microsoft &amp;Active Directory</source>
        <translation>Microsoft &amp;Active Directory</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="158"/>
        <source>HCL &amp;Domino</source>
        <translation>HCL &amp;Domino</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="159"/>
        <source>&amp;OpenLDAP</source>
        <translation>&amp;OpenLDAP</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="160"/>
        <source>&amp;Embedded directory (no LDAP server)</source>
        <translation>&amp;Eingebettetes Verzeichnis (kein LDAP-Server)</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="195"/>
        <source>UMS attribute: %1
Search template: %2</source>
        <translation>UMS-Attribut: %1
Suchvorlage: %2</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="246"/>
        <source>LDAP Connection</source>
        <translation>LDAP-Verbindung</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="248"/>
        <source>The directory servers, the account the directory is searched with and where to search. Test checks them with the engine.</source>
        <translation>Die Verzeichnisserver, das Konto, mit dem im Verzeichnis gesucht wird, und wo gesucht wird. „Testen“ prüft sie mit der Engine.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="255"/>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="273"/>
        <source>Connector Binding</source>
        <translation>Connector-Bindung</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="275"/>
        <source>The IP address and port on which the mail server delivers outgoing UMS messages to this instance.</source>
        <translation>Die IP-Adresse und der Port, über die der Mail-Server ausgehende UMS-Nachrichten an diese Instanz übergibt.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="286"/>
        <source>Listening on</source>
        <translation>Lauscht auf</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="287"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="288"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="291"/>
        <source>Bindings in use:</source>
        <translation>Belegte Bindungen:</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="315"/>
        <source>Mail System Connection</source>
        <translation>Verbindung zum Mailsystem</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="316"/>
        <source>Please configure delivery of UMS messages to your mail system.</source>
        <translation>Bitte konfigurieren Sie die Zustellung der UMS-Nachrichten an Ihr Mailsystem.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="325"/>
        <source>Example:</source>
        <translation>Beispiel:</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="368"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="369"/>
        <source>Finish stores these settings and starts the instance.</source>
        <translation>„Fertigstellen“ speichert diese Einstellungen und startet die Instanz.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="492"/>
        <source>User management: %1</source>
        <translation>Benutzerverwaltung: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="498"/>
        <source>Listening on: %1:%2</source>
        <translation>Lauscht auf: %1:%2</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="410"/>
        <source>New Instance</source>
        <translation>Neue Instanz</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="538"/>
        <source>The instance was not created: %1</source>
        <translation>Die Instanz wurde nicht angelegt: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="564"/>
        <location filename="../views/NewInstanceWizard.cpp" line="631"/>
        <source>The connection to the engine is gone.</source>
        <translation>Die Verbindung zur Engine besteht nicht mehr.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="565"/>
        <source>The settings were not stored; the fields with errors are marked on the earlier pages.</source>
        <translation>Die Einstellungen wurden nicht gespeichert; die fehlerhaften Felder sind auf den vorigen Seiten markiert.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="575"/>
        <source>The settings were stored, but the instance did not start: %1</source>
        <translation>Die Einstellungen wurden gespeichert, aber die Instanz ist nicht gestartet: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="622"/>
        <source>Storing the LDAP settings and testing...</source>
        <translation>LDAP-Einstellungen werden gespeichert und getestet...</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="632"/>
        <source>The LDAP settings have errors; see the marked fields.</source>
        <translation>Die LDAP-Einstellungen enthalten Fehler; siehe die markierten Felder.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="642"/>
        <source>The test failed: %1</source>
        <translation>Der Test ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="606"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="607"/>
        <location filename="../views/NewInstanceWizard.cpp" line="610"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="607"/>
        <location filename="../views/NewInstanceWizard.cpp" line="610"/>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="615"/>
        <source>No LDAP server is configured.</source>
        <translation>Es ist kein LDAP-Server konfiguriert.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="672"/>
        <source>%1:%2 is already used by the instance %3.</source>
        <translation>%1:%2 wird bereits von der Instanz %3 verwendet.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="681"/>
        <source>%1:%2 is in use by another program on this machine.</source>
        <translation>%1:%2 wird auf diesem Rechner von einem anderen Programm verwendet.</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="491"/>
        <source>Instance: %1 (%2)</source>
        <translation>Instanz: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="446"/>
        <source> (not used by the embedded directory)</source>
        <translation> (vom eingebetteten Verzeichnis nicht verwendet)</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="447"/>
        <source>LDAP servers: %1%2</source>
        <translation>LDAP-Server: %1%2</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="448"/>
        <location filename="../views/NewInstanceWizard.cpp" line="454"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="449"/>
        <source>LDAP account: %1, %2%3</source>
        <translation>LDAP-Konto: %1, %2%3</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="450"/>
        <source>(anonymous)</source>
        <translation>(anonym)</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="451"/>
        <source>password set</source>
        <translation>Passwort gesetzt</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="451"/>
        <source>no password</source>
        <translation>kein Passwort</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="453"/>
        <source>Base DNs: %1%2</source>
        <translation>Basis-DNs: %1%2</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="462"/>
        <source>Message store: %1</source>
        <translation>Nachrichtenspeicher: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="464"/>
        <source>Maildir: %1</source>
        <translation>Maildir: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="468"/>
        <source> (not used by this message store)</source>
        <translation> (von diesem Nachrichtenspeicher nicht verwendet)</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="470"/>
        <source>Mail server: %1%2</source>
        <translation>Mail-Server: %1%2</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="474"/>
        <source>Default recipient: %1</source>
        <translation>Standardempfänger: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="476"/>
        <source>Mail domain: %1</source>
        <translation>Mail-Domäne: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="477"/>
        <source>Sender address template: %1 (example: %2)</source>
        <translation>Vorlage für die Absenderadresse: %1 (Beispiel: %2)</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="495"/>
        <source>UMS attribute: %1</source>
        <translation>UMS-Attribut: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="496"/>
        <source>Search template: %1</source>
        <translation>Suchvorlage: %1</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="497"/>
        <source>(the default of the user management type)</source>
        <translation>(die Vorgabe der Benutzerverwaltung)</translation>
    </message>
    <message>
        <location filename="../views/NewInstanceWizard.cpp" line="471"/>
        <source>(none), port %1</source>
        <translation>(keiner), Port %1</translation>
    </message>
</context>
<context>
    <name>umgate::ObjectEntryDialog</name>
    <message>
        <location filename="../views/ObjectEntryDialog.cpp" line="65"/>
        <source>(set)</source>
        <translation>(gesetzt)</translation>
    </message>
    <message>
        <location filename="../views/ObjectEntryDialog.cpp" line="65"/>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
</context>
<context>
    <name>umgate::ObjectListEditor</name>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="40"/>
        <source>&amp;Add...</source>
        <translation>&amp;Hinzufügen...</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="42"/>
        <source>&amp;Edit...</source>
        <translation>&amp;Bearbeiten...</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="44"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="46"/>
        <source>Move &amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="48"/>
        <source>Move Do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="86"/>
        <source>(changed)</source>
        <translation>(geändert)</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="87"/>
        <source>(set)</source>
        <translation>(gesetzt)</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="90"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="90"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="130"/>
        <source>Add Entry</source>
        <translation>Eintrag hinzufügen</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="142"/>
        <location filename="../views/ObjectListEditor.cpp" line="148"/>
        <source>Edit Entry</source>
        <translation>Eintrag bearbeiten</translation>
    </message>
    <message>
        <location filename="../views/ObjectListEditor.cpp" line="149"/>
        <source>The list changed while the entry was open; the edit was not applied.</source>
        <translation>Die Liste hat sich geändert, während der Eintrag geöffnet war; die Änderung wurde nicht übernommen.</translation>
    </message>
</context>
<context>
    <name>umgate::PageFactory</name>
    <message>
        <location filename="../views/PageFactory.cpp" line="56"/>
        <source>An engine: select one of its instances, or Misc Setup for the settings all instances share.</source>
        <translation>Eine Engine: Wählen Sie eine ihrer Instanzen aus oder „Sonstige Einstellungen“ für die Einstellungen, die für alle Instanzen gelten.</translation>
    </message>
    <message>
        <location filename="../views/PageFactory.cpp" line="61"/>
        <source>An instance of the gateway: its settings are on the pages below it. Use the Instance menu to send a test message or remove it.</source>
        <translation>Eine Instanz des Gateways: Ihre Einstellungen finden Sie auf den Seiten darunter. Über das Menü „Instanz“ senden Sie eine Testnachricht oder entfernen die Instanz.</translation>
    </message>
    <message>
        <location filename="../views/PageFactory.cpp" line="67"/>
        <source>This page is not available yet.</source>
        <translation>Diese Seite ist noch nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>umgate::PrintUnreadPage</name>
    <message>
        <location filename="../views/PrintUnreadPage.cpp" line="16"/>
        <source>&amp;Print Unread</source>
        <translation>&amp;PrintUnread</translation>
    </message>
    <message>
        <location filename="../views/PrintUnreadPage.cpp" line="18"/>
        <source>Rules are processed top down; within a rule, numbers and ranges such as 4930100-4930199 are checked in order, and * ends the processing.</source>
        <translation>Die Regeln werden von oben nach unten abgearbeitet; innerhalb einer Regel werden Nummern und Bereiche wie 4930100-4930199 der Reihe nach geprüft, und * beendet die Verarbeitung.</translation>
    </message>
    <message>
        <location filename="../views/PrintUnreadPage.cpp" line="27"/>
        <source>Print Unread</source>
        <translation>PrintUnread</translation>
    </message>
</context>
<context>
    <name>umgate::QueueModel</name>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="257"/>
        <source>retry %1: %2 (%3)</source>
        <translation>Wiederholung %1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="115"/>
        <source>Queue ID</source>
        <translation>Warteschlangen-ID</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="117"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="119"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="121"/>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="123"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="125"/>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="127"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="127"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="129"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="150"/>
        <source>Listing %1 of %2 failed: %3</source>
        <translation>Das Auflisten von %1 in %2 ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="186"/>
        <source>retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="191"/>
        <source>requeue</source>
        <translation>Neu einreihen</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="196"/>
        <source>delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="207"/>
        <source>Another action on %1 is still running</source>
        <translation>Eine andere Aktion für %1 läuft noch</translation>
    </message>
    <message>
        <location filename="../models/console/QueueModel.cpp" line="238"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
</context>
<context>
    <name>umgate::QueuePage</name>
    <message>
        <location filename="../views/QueuePage.cpp" line="28"/>
        <source>SMTP&amp;Out</source>
        <translation>SMTP&amp;Out</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="29"/>
        <source>&amp;Badmail</source>
        <translation>&amp;Badmail</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="30"/>
        <source>SMTPIn/&amp;Error</source>
        <translation>SMTPIn/&amp;Error</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="31"/>
        <source>To &amp;Kernel</source>
        <translation>An den &amp;Kernel</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="64"/>
        <source>%1 of %2 mail(s) done.</source>
        <translation>%1 von %2 Mail(s) erledigt.</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="65"/>
        <source>%1 of %2 mail(s) done; refused: %3</source>
        <translation>%1 von %2 Mail(s) erledigt; abgelehnt: %3</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="72"/>
        <source>&amp;Retry Now</source>
        <translation>&amp;Jetzt wiederholen</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="74"/>
        <source>Re&amp;queue</source>
        <translation>&amp;Neu einreihen</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="76"/>
        <location filename="../views/QueuePage.cpp" line="175"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="78"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="80"/>
        <source>&amp;Cancel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="120"/>
        <source>Delete Mails</source>
        <translation>Mails löschen</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="120"/>
        <source>Cancel Jobs</source>
        <translation>Aufträge stornieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/QueuePage.cpp" line="122"/>
        <source>Cancel %n job(s)? The kernel will not send them.</source>
        <translation>
            <numerusform>%n Auftrag stornieren? Der Kernel sendet ihn nicht.</numerusform>
            <numerusform>%n Aufträge stornieren? Der Kernel sendet sie nicht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/QueuePage.cpp" line="123"/>
        <source>Delete %n mail(s) for good?</source>
        <translation>
            <numerusform>%n Mail endgültig löschen?</numerusform>
            <numerusform>%n Mails endgültig löschen?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="133"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../views/QueuePage.cpp" line="175"/>
        <source>Cancel &amp;Job</source>
        <translation>Auftrag s&amp;tornieren</translation>
    </message>
</context>
<context>
    <name>umgate::RemoteEngineDialog</name>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="24"/>
        <source>Connect to Remote Engine</source>
        <translation>Mit entfernter Engine verbinden</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="33"/>
        <source>(the system&apos;s trusted CAs)</source>
        <translation>(die vertrauenswürdigen CAs des Systems)</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="34"/>
        <source>&amp;Browse...</source>
        <translation>&amp;Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="37"/>
        <source>CA Certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="37"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="45"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="47"/>
        <source>Admin &amp;token:</source>
        <translation>Admin-&amp;Token:</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="49"/>
        <source>&amp;CA certificate:</source>
        <translation>&amp;CA-Zertifikat:</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="54"/>
        <source>&amp;Remember this engine (the token is kept in the system keychain)</source>
        <translation>Diese Engine &amp;merken (das Token wird im Schlüsselbund des Systems abgelegt)</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="91"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="100"/>
        <source>Enter the address as umgate://HOST:PORT.</source>
        <translation>Geben Sie die Adresse als umgate://HOST:PORT ein.</translation>
    </message>
    <message>
        <location filename="../views/RemoteEngineDialog.cpp" line="102"/>
        <source>Enter an admin token; `umgatectl token add NAME` on the engine&apos;s machine creates one.</source>
        <translation>Geben Sie ein Admin-Token ein; `umgatectl token add NAME` auf dem Rechner der Engine erzeugt eines.</translation>
    </message>
</context>
<context>
    <name>umgate::RpcClient</name>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="33"/>
        <source>no such socket</source>
        <translation>Socket nicht vorhanden</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="35"/>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="37"/>
        <source>permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="39"/>
        <location filename="../models/rpc/RpcClient.cpp" line="90"/>
        <location filename="../models/rpc/RpcClient.cpp" line="126"/>
        <location filename="../models/rpc/RpcClient.cpp" line="133"/>
        <source>the engine closed the connection</source>
        <translation>die Engine hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="41"/>
        <source>timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="59"/>
        <source>no answer from the engine within %1 s</source>
        <translation>keine Antwort der Engine innerhalb von %1 s</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="68"/>
        <source>the RPC client was destroyed</source>
        <translation>der RPC-Client wurde beendet</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="108"/>
        <location filename="../models/rpc/RpcClient.cpp" line="155"/>
        <source>reconnecting</source>
        <translation>Verbindung wird neu aufgebaut</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="110"/>
        <source>%1 is not an engine address; expected umgate://HOST:PORT</source>
        <translation>%1 ist keine Engine-Adresse; erwartet wird umgate://HOST:PORT</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="131"/>
        <source>TLS handshake failed: %1</source>
        <translation>TLS-Handshake fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="150"/>
        <source>disconnected by the client</source>
        <translation>vom Client getrennt</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="216"/>
        <source>the request is %1 bytes; the engine accepts at most %2</source>
        <translation>die Anfrage ist %1 Byte groß; die Engine akzeptiert höchstens %2</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="224"/>
        <source>not connected to the engine</source>
        <translation>keine Verbindung zur Engine</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="283"/>
        <location filename="../models/rpc/RpcClient.cpp" line="295"/>
        <source>the engine sent a line longer than %1 MiB</source>
        <translation>die Engine hat eine Zeile gesendet, die länger als %1 MiB ist</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="302"/>
        <source>the engine sent something that is not a JSON-RPC message</source>
        <translation>die Engine hat etwas gesendet, das keine JSON-RPC-Nachricht ist</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="355"/>
        <source>authentication failed: %1</source>
        <translation>Authentifizierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="359"/>
        <source>the engine did not accept our token</source>
        <translation>die Engine hat unser Token nicht akzeptiert</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="364"/>
        <source>the engine speaks protocol %1, this client %2</source>
        <translation>die Engine verwendet Protokoll %1, dieser Client %2</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="398"/>
        <source>no answer from the engine to %1 within %2 s</source>
        <translation>keine Antwort der Engine auf %1 innerhalb von %2 s</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="433"/>
        <source>%1 before answering the handshake (%2)</source>
        <translation>%1 vor der Antwort auf den Handshake (%2)</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="428"/>
        <source>the engine closed the connection: %1</source>
        <translation>die Engine hat die Verbindung geschlossen: %1</translation>
    </message>
    <message>
        <location filename="../models/rpc/RpcClient.cpp" line="430"/>
        <source>the engine refused the connection: %1</source>
        <translation>die Engine hat die Verbindung abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>umgate::SchemaText</name>
    <message>
        <location filename="../views/SchemaText.cpp" line="44"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="45"/>
        <source>Accept</source>
        <translation>Akzeptieren</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="46"/>
        <source>Accept and log</source>
        <translation>Akzeptieren und protokollieren</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="47"/>
        <source>Refuse it (the sender gets a non-delivery report)</source>
        <translation>Ablehnen (der Absender erhält einen Unzustellbarkeitsbericht)</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="48"/>
        <source>Relay it to the smart host</source>
        <translation>An den Smarthost weiterleiten</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="49"/>
        <source>Send to the mail server</source>
        <translation>An den Mail-Server senden</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="50"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="51"/>
        <source>Keep in the local maildir</source>
        <translation>Im lokalen Maildir aufbewahren</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="52"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="53"/>
        <source>STARTTLS when offered</source>
        <translation>STARTTLS, wenn angeboten</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="54"/>
        <source>STARTTLS required</source>
        <translation>STARTTLS erforderlich</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="55"/>
        <source>SSL/TLS (implicit)</source>
        <translation>SSL/TLS (implizit)</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="56"/>
        <source>StartTLS</source>
        <translation>StartTLS</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="57"/>
        <source>LDAPS</source>
        <translation>LDAPS</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="58"/>
        <source>Embedded directory</source>
        <translation>Eingebettetes Verzeichnis</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="59"/>
        <source>Microsoft Active Directory</source>
        <translation>Microsoft Active Directory</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="60"/>
        <source>HCL Domino</source>
        <translation>HCL Domino</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="61"/>
        <source>OpenLDAP</source>
        <translation>OpenLDAP</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="62"/>
        <source>Internal</source>
        <translation>Intern</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="63"/>
        <source>Local</source>
        <translation>Ortsbereich</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="64"/>
        <source>National</source>
        <translation>National</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="65"/>
        <source>International</source>
        <translation>International</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="66"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="67"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="68"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="69"/>
        <source>TIF</source>
        <translation>TIF</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="70"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="71"/>
        <source>TIF and PDF</source>
        <translation>TIF und PDF</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="72"/>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="73"/>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="74"/>
        <source>French</source>
        <translation>Französisch</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="75"/>
        <source>Italian</source>
        <translation>Italienisch</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="76"/>
        <source>Dutch</source>
        <translation>Niederländisch</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="77"/>
        <source>Portuguese</source>
        <translation>Portugiesisch</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="78"/>
        <source>Spanish</source>
        <translation>Spanisch</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="79"/>
        <source>deleted and the sender notified</source>
        <translation>gelöscht und der Absender benachrichtigt</translation>
    </message>
    <message>
        <location filename="../views/SchemaText.cpp" line="80"/>
        <source>sent with this user&apos;s UMS settings</source>
        <translation>mit den UMS-Einstellungen dieses Benutzers gesendet</translation>
    </message>
</context>
<context>
    <name>umgate::SenderListModel</name>
    <message>
        <location filename="../models/console/SenderListModel.cpp" line="165"/>
        <source>(set)</source>
        <translation>(gesetzt)</translation>
    </message>
    <message>
        <location filename="../models/console/SenderListModel.cpp" line="165"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
</context>
<context>
    <name>umgate::SettingsBinder</name>
    <message>
        <location filename="../views/SettingsBinder.cpp" line="288"/>
        <source>Entry %1%2: %3</source>
        <translation>Eintrag %1%2: %3</translation>
    </message>
    <message>
        <location filename="../views/SettingsBinder.cpp" line="330"/>
        <source>(set)</source>
        <translation>(gesetzt)</translation>
    </message>
    <message>
        <location filename="../views/SettingsBinder.cpp" line="330"/>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <location filename="../views/SettingsBinder.cpp" line="92"/>
        <source>Manual: %1</source>
        <translation>Handbuch: %1</translation>
    </message>
    <message>
        <location filename="../views/SettingsBinder.cpp" line="104"/>
        <source>Not yet in effect in this version: the engine keeps this setting but does not act on it yet.</source>
        <translation>In dieser Version noch nicht wirksam: Die Engine speichert diese Einstellung, wertet sie aber noch nicht aus.</translation>
    </message>
    <message>
        <location filename="../views/SettingsBinder.cpp" line="249"/>
        <source>not yet in effect</source>
        <translation>noch nicht wirksam</translation>
    </message>
</context>
<context>
    <name>umgate::SettingsSchema</name>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="183"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="390"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="484"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="489"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="812"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="185"/>
        <source>Local IP address on which this instance accepts SMTP connections from the mail server.</source>
        <translation>Lokale IP-Adresse, auf der diese Instanz SMTP-Verbindungen vom Mail-Server annimmt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="189"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="395"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="492"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="190"/>
        <source>TCP port for the SMTP listener; the manual uses 25, umgate defaults to 2525 so it needs no privileges.</source>
        <translation>TCP-Port des SMTP-Empfangs; das Handbuch verwendet 25, umgate standardmäßig 2525, damit keine besonderen Rechte nötig sind.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="196"/>
        <source>Only accept messages from the following IP addresses:</source>
        <translation>Nur Nachrichten von folgenden IP-Adressen annehmen:</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="199"/>
        <source>IP addresses or networks (192.0.2.0/24) of the mail servers allowed to submit messages; others are refused with 554. An empty list accepts any client.</source>
        <translation>IP-Adressen oder Netze (192.0.2.0/24) der Mail-Server, die Nachrichten einliefern dürfen; andere werden mit 554 abgewiesen. Eine leere Liste nimmt jeden Client an.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="203"/>
        <source>Largest mail (MB)</source>
        <translation>Größte Mail (MB)</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="205"/>
        <source>Mails larger than this are refused with 552 (announced as SIZE in the EHLO answer).</source>
        <translation>Größere Mails werden mit 552 abgewiesen (in der EHLO-Antwort als SIZE angekündigt).</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="210"/>
        <source>Recipients per mail</source>
        <translation>Empfänger pro Mail</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="211"/>
        <source>Further recipients get 452, so the mail server sends them in another mail; each recipient becomes its own job.</source>
        <translation>Weitere Empfänger erhalten 452, damit der Mail-Server sie in einer weiteren Mail sendet; jeder Empfänger wird ein eigener Auftrag.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="216"/>
        <source>Connections at once</source>
        <translation>Gleichzeitige Verbindungen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="217"/>
        <source>SMTP connections this instance serves at the same time; more are refused with 421.</source>
        <translation>SMTP-Verbindungen, die diese Instanz gleichzeitig bedient; weitere werden mit 421 abgewiesen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="222"/>
        <source>Connections per client address</source>
        <translation>Verbindungen pro Client-Adresse</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="223"/>
        <source>SMTP connections one client address may hold at the same time; more are refused with 421.</source>
        <translation>SMTP-Verbindungen, die eine Client-Adresse gleichzeitig halten darf; weitere werden mit 421 abgewiesen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="228"/>
        <source>Command timeout (seconds)</source>
        <translation>Zeitlimit für Befehle (Sekunden)</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="229"/>
        <source>A client that sends no command for this long is disconnected with 421; RFC 5321 asks for at least 5 minutes.</source>
        <translation>Ein Client, der so lange keinen Befehl sendet, wird mit 421 getrennt; RFC 5321 verlangt mindestens 5 Minuten.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="234"/>
        <source>Data block timeout (seconds)</source>
        <translation>Zeitlimit für Datenblöcke (Sekunden)</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="235"/>
        <source>A client that sends no data for this long during a mail is disconnected with 421; RFC 5321 asks for at least 3 minutes.</source>
        <translation>Ein Client, der während einer Mail so lange keine Daten sendet, wird mit 421 getrennt; RFC 5321 verlangt mindestens 3 Minuten.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="241"/>
        <source>Time for a mail&apos;s data (seconds)</source>
        <translation>Zeit für die Daten einer Mail (Sekunden)</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="243"/>
        <source>A client whose mail data, from DATA to the final dot, takes longer is disconnected with 421, however it trickles; RFC 5321 gives 10 minutes.</source>
        <translation>Ein Client, dessen Mail-Daten von DATA bis zum abschließenden Punkt länger brauchen, wird mit 421 getrennt, wie langsam er auch tröpfelt; RFC 5321 nennt 10 Minuten.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="248"/>
        <source>Country code</source>
        <translation>Landesvorwahl</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="250"/>
        <source>The site&apos;s country code without prefix (49 for Germany). With it, recipients written as national numbers (030 1234567) are accepted; without it, only international ones (+49 30 1234567).</source>
        <translation>Die Landesvorwahl des Standorts ohne Präfix (49 für Deutschland). Mit ihr werden Empfänger in nationaler Schreibweise (030 1234567) angenommen, ohne sie nur internationale (+49 30 1234567).</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="255"/>
        <source>Area code</source>
        <translation>Ortsvorwahl</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="256"/>
        <source>The site&apos;s area code without the national prefix (30 for Berlin); with it, local numbers (1234567) are accepted too.</source>
        <translation>Die Ortsvorwahl des Standorts ohne Verkehrsausscheidungsziffer (30 für Berlin); mit ihr werden auch Ortsnummern (1234567) angenommen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="262"/>
        <source>International prefix</source>
        <translation>Internationale Verkehrsausscheidungsziffer</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="263"/>
        <source>What precedes a country code when dialing abroad (00 in most of the world, 011 in North America).</source>
        <translation>Was beim Wählen ins Ausland vor der Landesvorwahl steht (00 in den meisten Ländern, 011 in Nordamerika).</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="267"/>
        <source>National prefix</source>
        <translation>Nationale Verkehrsausscheidungsziffer</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="269"/>
        <source>What precedes an area code within the country (0 in Germany, 1 in North America); empty where there is none.</source>
        <translation>Was innerhalb des Landes vor der Ortsvorwahl steht (0 in Deutschland, 1 in Nordamerika); leer, wo es keine gibt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="274"/>
        <source>Outside line prefix</source>
        <translation>Amtsholung</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="275"/>
        <source>What users dial on the PBX to get an outside line (often 0). It is removed where a national or international prefix follows it (0 030 1234567).</source>
        <translation>Was Benutzer an der Telefonanlage für eine Amtsleitung wählen (oft 0). Sie wird entfernt, wo ihr eine nationale oder internationale Verkehrsausscheidungsziffer folgt (0 030 1234567).</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="280"/>
        <source>Base number</source>
        <translation>Stammnummer</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="282"/>
        <source>The site&apos;s own number block in international digits without the extension (49301234 for +49 30 1234-xxx): numbers in it are internal for the send permissions.</source>
        <translation>Der eigene Rufnummernblock des Standorts in internationalen Ziffern ohne Durchwahl (49301234 für +49 30 1234-xxx): Nummern darin gelten bei den Senderechten als intern.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="287"/>
        <source>Extension length</source>
        <translation>Länge der Durchwahl</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="289"/>
        <source>Digits of an internal extension: a recipient number this short is an extension of the base number (567 -&gt; +49 30 1234 567). 0: none.</source>
        <translation>Stellen einer internen Durchwahl: Eine so kurze Empfängernummer ist eine Durchwahl der Stammnummer (567 -&gt; +49 30 1234 567). 0: keine.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="294"/>
        <source>When a recipient is not a gateway address</source>
        <translation>Wenn ein Empfänger keine Adresse des Gateways ist</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="296"/>
        <source>A recipient outside this instance&apos;s domains is refused with 550, so the sender gets a non-delivery report, or relayed to the smart host. Only clients that logged in, or are listed as relay clients, may relay; others get 554 (relay access denied).</source>
        <translation>Ein Empfänger außerhalb der Domänen dieser Instanz wird mit 550 abgelehnt, sodass der Absender einen Unzustellbarkeitsbericht erhält, oder an den Smarthost weitergeleitet. Weiterleiten dürfen nur angemeldete Clients und die eingetragenen Weiterleitungs-Clients; andere erhalten 554 (Weiterleitung verweigert).</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="301"/>
        <source>Smart host</source>
        <translation>Smarthost</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="303"/>
        <source>Mail server that takes relayed mail; empty means the mail server of the Mail System page (or the sender list&apos;s default entry), with its login and encryption.</source>
        <translation>Mailserver, der weitergeleitete Mails annimmt; leer bedeutet den Mailserver der Seite Mailsystem (oder den Standardeintrag der Absenderliste) mit dessen Anmeldung und Verschlüsselung.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="308"/>
        <source>Smart host port</source>
        <translation>Port des Smarthosts</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="310"/>
        <source>TCP port of the smart host.</source>
        <translation>TCP-Port des Smarthosts.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="313"/>
        <source>Clients that may relay without logging in:</source>
        <translation>Clients, die ohne Anmeldung weiterleiten dürfen:</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="315"/>
        <source>IP addresses or networks allowed to relay without SMTP AUTH. A network that takes in Internet addresses is refused, so this list can never make an open relay.</source>
        <translation>IP-Adressen oder Netze, die ohne SMTP AUTH weiterleiten dürfen. Ein Netz, das Internetadressen umfasst, wird abgelehnt, sodass diese Liste nie ein offenes Relay ergibt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="320"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="454"/>
        <source>User Name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="322"/>
        <source>User the mail server must log in with (SMTP AUTH); empty means no authentication is required.</source>
        <translation>Benutzer, mit dem sich der Mail-Server anmelden muss (SMTP AUTH); leer bedeutet, dass keine Authentifizierung nötig ist.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="324"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="458"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="518"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="822"/>
        <source>Password</source>
        <translation>Kennwort</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="326"/>
        <source>Password of that user, kept in the secret store.</source>
        <translation>Kennwort dieses Benutzers, im Geheimnisspeicher abgelegt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="328"/>
        <source>Force TLS encryption</source>
        <translation>TLS-Verschlüsselung erzwingen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="330"/>
        <source>Refuses AUTH and MAIL before STARTTLS (530), so neither a password nor a mail travels in clear.</source>
        <translation>Weist AUTH und MAIL vor STARTTLS ab (530), damit weder ein Kennwort noch eine Mail unverschlüsselt übertragen wird.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="333"/>
        <source>Allow CRAM-MD5</source>
        <translation>CRAM-MD5 erlauben</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="335"/>
        <source>Offers CRAM-MD5, which sends no password, also without TLS (unless TLS is forced). PLAIN and LOGIN are only offered inside TLS.</source>
        <translation>Bietet CRAM-MD5, das kein Kennwort überträgt, auch ohne TLS an (außer TLS ist erzwungen). PLAIN und LOGIN werden nur innerhalb von TLS angeboten.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="339"/>
        <source>Check logins against the directory</source>
        <translation>Anmeldungen gegen das Verzeichnis prüfen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="341"/>
        <source>The mail server logs in as a directory user: the entry the filter below finds is bound with the password given (LDAP only; PLAIN and LOGIN inside TLS, no CRAM-MD5). The user name above is then not used.</source>
        <translation>Der Mailserver meldet sich als Verzeichnisbenutzer an: Mit dem Eintrag, den der Filter unten findet, wird mit dem angegebenen Kennwort gebunden (nur LDAP; PLAIN und LOGIN innerhalb von TLS, kein CRAM-MD5). Der Benutzername oben wird dann nicht verwendet.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="347"/>
        <source>Login filter</source>
        <translation>Anmeldefilter</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="348"/>
        <source>LDAP filter that finds the entry of the user logging in; ${USER} is the name given, escaped. Exactly one entry must match.</source>
        <translation>LDAP-Filter, der den Eintrag des sich anmeldenden Benutzers findet; ${USER} ist der angegebene Name, maskiert. Genau ein Eintrag muss passen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="353"/>
        <source>Sender must be the logged-in user</source>
        <translation>Absender muss der angemeldete Benutzer sein</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="355"/>
        <source>With logins against the directory: a mail whose sender is not an address of the user who logged in is refused with 550 5.7.1.</source>
        <translation>Bei Anmeldung gegen das Verzeichnis: Eine Mail, deren Absender keine Adresse des angemeldeten Benutzers ist, wird mit 550 5.7.1 abgewiesen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="358"/>
        <source>Encrypt communication</source>
        <translation>Kommunikation verschlüsseln</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="360"/>
        <source>Offers STARTTLS to the mail server using the certificate and key below.</source>
        <translation>Bietet dem Mail-Server STARTTLS mit dem unten angegebenen Zertifikat und Schlüssel an.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="363"/>
        <source>Implicit TLS (SMTPS)</source>
        <translation>Implizites TLS (SMTPS)</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="364"/>
        <source>The port speaks TLS from the first byte, as port 465 does, instead of offering STARTTLS; the mail server must connect with TLS (Postfix: smtp_tls_wrappermode). Without a usable certificate the instance does not listen at all.</source>
        <translation>Der Port spricht vom ersten Byte an TLS wie Port 465, statt STARTTLS anzubieten; der Mailserver muss sich mit TLS verbinden (Postfix: smtp_tls_wrappermode). Ohne verwendbares Zertifikat lauscht die Instanz gar nicht.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="370"/>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="371"/>
        <source>Base64 (PEM) X.509 certificate file in the instance&apos;s Certificates folder.</source>
        <translation>Base64-(PEM-)X.509-Zertifikatsdatei im Ordner „Certificates“ der Instanz.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="374"/>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="376"/>
        <source>Private key file for the certificate, in the instance&apos;s Certificates folder.</source>
        <translation>Datei mit dem privaten Schlüssel zum Zertifikat, im Ordner „Certificates“ der Instanz.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="380"/>
        <source>If the transmitted certificate does not correspond with the deposited certificate</source>
        <translation>Wenn das übermittelte Zertifikat nicht mit dem hinterlegten Zertifikat übereinstimmt</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="384"/>
        <source>What to do when the mail server&apos;s certificate does not match the deposited one.</source>
        <translation>Was geschehen soll, wenn das Zertifikat des Mail-Servers nicht mit dem hinterlegten übereinstimmt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="391"/>
        <source>Mail server that receives incoming UMS messages; empty means none is configured.</source>
        <translation>Mail-Server, der eingehende UMS-Nachrichten empfängt; leer bedeutet, dass keiner konfiguriert ist.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="396"/>
        <source>TCP port of the mail server.</source>
        <translation>TCP-Port des Mail-Servers.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="399"/>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="400"/>
        <source>Receives every incoming message that cannot be assigned to a user.</source>
        <translation>Erhält jede eingehende Nachricht, die keinem Benutzer zugeordnet werden kann (Standardempfänger).</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="404"/>
        <source>Message store</source>
        <translation>Nachrichtenspeicher</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="405"/>
        <source>Whether incoming messages go to the mail server, are deleted, or are kept in the local maildir.</source>
        <translation>Ob eingehende Nachrichten an den Mail-Server gehen, gelöscht oder im lokalen Maildir aufbewahrt werden.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="407"/>
        <source>Maildir</source>
        <translation>Maildir</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="409"/>
        <source>Folder of the local message store, relative to the instance folder and inside it: no absolute path, no &apos;..&apos;, no symbolic link leading out.</source>
        <translation>Ordner des lokalen Nachrichtenspeichers, relativ zum Instanzordner und darin: kein absoluter Pfad, kein &apos;..&apos;, kein symbolischer Link nach außen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="414"/>
        <source>Template for the e-mail sender address (required):</source>
        <translation>Vorlage für die E-Mail-Absenderadresse (erforderlich):</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="416"/>
        <source>Sender address of incoming messages; $(number) and $(addrtype) are required so replies work.</source>
        <translation>Absenderadresse eingehender Nachrichten; $(number) und $(addrtype) sind erforderlich, damit Antworten funktionieren.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="421"/>
        <source>Deviating Reply to template (optional):</source>
        <translation>Abweichende Reply-To-Vorlage (optional):</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="423"/>
        <source>Reply-To address template, for sites whose sender addresses cannot be replied to.</source>
        <translation>Vorlage für die Reply-To-Adresse, für Umgebungen, in denen an die Absenderadressen nicht geantwortet werden kann.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="428"/>
        <source>Display name for all ixi-UMS messages (optional):</source>
        <translation>Anzeigename für alle ixi-UMS-Nachrichten (optional):</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="430"/>
        <source>Display name shown with all incoming messages and, unless set below, reports.</source>
        <translation>Anzeigename für alle eingehenden Nachrichten und, sofern unten nicht anders gesetzt, für Berichte.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="433"/>
        <source>Deviating display name for reports (optional):</source>
        <translation>Abweichender Anzeigename für Berichte (optional):</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="435"/>
        <source>Display name for reports when it should differ from the one for messages.</source>
        <translation>Anzeigename für Berichte, wenn er von dem für Nachrichten abweichen soll.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="437"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="809"/>
        <source>Mail Domain</source>
        <translation>Mail-Domäne</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="439"/>
        <source>E-mail domain inserted for $(maildomain) in the address templates.</source>
        <translation>E-Mail-Domäne, die in den Adressvorlagen für $(maildomain) eingesetzt wird.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="442"/>
        <source>Number of retries</source>
        <translation>Anzahl der Wiederholungen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="444"/>
        <source>How often delivery to the mail server is retried before the message goes to Badmail.</source>
        <translation>Wie oft die Zustellung an den Mail-Server wiederholt wird, bevor die Nachricht in den Badmail-Ordner verschoben wird.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="449"/>
        <source>Interval length in seconds</source>
        <translation>Intervalllänge in Sekunden</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="450"/>
        <source>Seconds to wait before each retry, one value per retry.</source>
        <translation>Wartezeit in Sekunden vor jeder Wiederholung, ein Wert pro Wiederholung.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="455"/>
        <source>User for SMTP authentication at the mail server; empty when the server does not require it.</source>
        <translation>Benutzer für die SMTP-Authentifizierung am Mail-Server; leer, wenn der Server keine verlangt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="460"/>
        <source>Password for SMTP authentication at the mail server, kept in the secret store.</source>
        <translation>Kennwort für die SMTP-Authentifizierung am Mail-Server, im Geheimnisspeicher abgelegt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="466"/>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="467"/>
        <source>Whether and how the connection to the mail server is encrypted. &quot;STARTTLS when offered&quot; sends a password only when the server&apos;s certificate is verified; only &quot;None&quot; sends a password in clear.</source>
        <translation>Ob und wie die Verbindung zum Mail-Server verschlüsselt wird. „STARTTLS, wenn angeboten“ sendet ein Kennwort nur, wenn das Zertifikat des Servers geprüft ist; nur „Keine“ sendet ein Kennwort im Klartext.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="471"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="496"/>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="473"/>
        <source>Base64 CA certificate file in the Certificates folder; empty uses the system&apos;s trusted CAs.</source>
        <translation>Base64-CA-Zertifikatsdatei im Ordner „Certificates“; leer verwendet die vertrauenswürdigen CAs des Systems.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="478"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="504"/>
        <source>Accept invalid certificate</source>
        <translation>Ungültiges Zertifikat akzeptieren</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="479"/>
        <source>Delivers even when the server&apos;s certificate is not yet valid, expired or does not match.</source>
        <translation>Stellt auch zu, wenn das Zertifikat des Servers noch nicht gültig, abgelaufen oder nicht passend ist.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="485"/>
        <source>Up to three LDAP servers of the same directory, tried in order; an empty list uses the embedded directory.</source>
        <translation>Bis zu drei LDAP-Server desselben Verzeichnisses, der Reihe nach versucht; eine leere Liste verwendet das eingebettete Verzeichnis.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="495"/>
        <source>SSL/LDAPS</source>
        <translation>SSL/LDAPS</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="498"/>
        <source>Base64 CA certificate file in the Certificates folder for LDAPS and StartTLS; empty uses the system&apos;s trusted CAs.</source>
        <translation>Base64-CA-Zertifikatsdatei im Ordner „Certificates“ für LDAPS und StartTLS; leer verwendet die vertrauenswürdigen CAs des Systems.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="505"/>
        <source>Connects even when the directory server&apos;s certificate is not trusted, expired or does not match; each connection logs that it was not verified.</source>
        <translation>Verbindet auch, wenn das Zertifikat des Verzeichnisservers nicht vertrauenswürdig, abgelaufen oder nicht passend ist; jede Verbindung protokolliert, dass es nicht geprüft wurde.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="508"/>
        <source>Individual LDAP port</source>
        <translation>Individueller LDAP-Port</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="510"/>
        <source>Port with write access for the user settings, e.g. 389 when searching the Global Catalog; 0 uses the read port.</source>
        <translation>Port mit Schreibzugriff für die Benutzereinstellungen, z. B. 389, wenn im Globalen Katalog gesucht wird; 0 verwendet den Lese-Port.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="514"/>
        <source>User DN</source>
        <translation>Benutzer-DN</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="515"/>
        <source>Account the directory is searched with; empty binds anonymously.</source>
        <translation>Konto, mit dem im Verzeichnis gesucht wird; leer bindet anonym.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="520"/>
        <source>Password of the search account, kept in the secret store.</source>
        <translation>Kennwort des Suchkontos, im Geheimnisspeicher abgelegt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="523"/>
        <source>Base DN</source>
        <translation>Basis-DN</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="524"/>
        <source>Full base DNs to search, e.g. the domain or single OUs.</source>
        <translation>Vollständige Basis-DNs für die Suche, z. B. die Domäne oder einzelne OUs.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="528"/>
        <source>UMS Attribute</source>
        <translation>UMS-Attribut</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="529"/>
        <source>LDAP attribute that holds the user&apos;s UMS settings.</source>
        <translation>LDAP-Attribut, das die UMS-Einstellungen des Benutzers enthält.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="535"/>
        <source>Search Template</source>
        <translation>Suchvorlage</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="537"/>
        <source>LDAP filter for the recipient number; ${UMS} is the number, ${UMS}_wHTSPC the number without spaces. Empty uses the manual&apos;s template for the user management type.</source>
        <translation>LDAP-Filter für die Empfängernummer; ${UMS} ist die Nummer, ${UMS}_wHTSPC die Nummer ohne Leerzeichen. Leer verwendet die Vorlage aus dem Handbuch für die Art der Benutzerverwaltung.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="544"/>
        <source>Select User Management</source>
        <translation>Benutzerverwaltung auswählen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="545"/>
        <source>Kind of directory that manages the users, which decides the attribute defaults.</source>
        <translation>Art des Verzeichnisses, das die Benutzer verwaltet; sie bestimmt die Standardwerte der Attribute.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="551"/>
        <source>Check the sender and rights of every outbound message</source>
        <translation>Absender und Rechte jeder ausgehenden Nachricht prüfen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="554"/>
        <source>Looks up the sender of each mail to the telephony side in the directory and applies the user&apos;s rights, or Unknown Sender when nobody is found. Off: every mail the listener accepts is sent with these global settings.</source>
        <translation>Sucht den Absender jeder Mail an die Telefonieseite im Verzeichnis und wendet die Rechte des Benutzers an, oder „Unbekannter Absender“, wenn niemand gefunden wird. Aus: Jede Mail, die der Listener annimmt, wird mit diesen globalen Einstellungen gesendet.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="559"/>
        <source>Emergency mode</source>
        <translation>Notbetrieb</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="561"/>
        <source>Only VIP users may send; mails of everybody else are refused.</source>
        <translation>Nur VIP-Benutzer dürfen senden; Mails aller anderen werden abgewiesen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="564"/>
        <source>Fax Send Permissions</source>
        <translation>Fax-Senderechte</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="565"/>
        <source>How far users may send faxes.</source>
        <translation>Wohin Benutzer Faxe senden dürfen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="567"/>
        <source>SMS Send Permissions</source>
        <translation>SMS-Senderechte</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="568"/>
        <source>How far users may send SMS.</source>
        <translation>Wohin Benutzer SMS senden dürfen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="570"/>
        <source>Voice Send Permissions</source>
        <translation>Voice-Senderechte</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="571"/>
        <source>How far users may send voice and TTS messages.</source>
        <translation>Wohin Benutzer Voice- und TTS-Nachrichten senden dürfen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="573"/>
        <source>Allowed to send with priority</source>
        <translation>Darf mit Priorität senden</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="574"/>
        <source>Highest priority a message keeps; higher requested priorities are lowered to it.</source>
        <translation>Höchste Priorität, die eine Nachricht behält; höher angeforderte Prioritäten werden auf sie herabgesetzt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="577"/>
        <source>Max. Fax Pages</source>
        <translation>Max. Faxseiten</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="579"/>
        <source>Longest fax a user may send, in pages; 0 means no limit.</source>
        <translation>Längstes Fax, das ein Benutzer senden darf, in Seiten; 0 bedeutet keine Begrenzung.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="583"/>
        <source>Max. Fax Per Day</source>
        <translation>Max. Faxe pro Tag</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="585"/>
        <source>Faxes a user may send per day; 0 means unlimited.</source>
        <translation>Faxe, die ein Benutzer pro Tag senden darf; 0 bedeutet unbegrenzt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="588"/>
        <source>Max. SMS Per Day</source>
        <translation>Max. SMS pro Tag</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="590"/>
        <source>SMS a user may send per day; 0 means unlimited.</source>
        <translation>SMS, die ein Benutzer pro Tag senden darf; 0 bedeutet unbegrenzt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="593"/>
        <source>Max. Voice/TTS Per Day</source>
        <translation>Max. Voice/TTS pro Tag</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="595"/>
        <source>Voice and TTS messages a user may send per day; 0 means unlimited.</source>
        <translation>Voice- und TTS-Nachrichten, die ein Benutzer pro Tag senden darf; 0 bedeutet unbegrenzt.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="600"/>
        <source>Inbound fax as</source>
        <translation>Eingehendes Fax als</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="601"/>
        <source>Attachment format of incoming faxes.</source>
        <translation>Anhangsformat eingehender Faxe.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="602"/>
        <source>Fax Sender Number</source>
        <translation>Fax-Absendernummer</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="604"/>
        <source>Extension number shown in the headline of outgoing faxes.</source>
        <translation>Durchwahl, die in der Kopfzeile ausgehender Faxe erscheint.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="607"/>
        <source>Fax Headline</source>
        <translation>Fax-Kopfzeile</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="609"/>
        <source>Text printed in the headline of outgoing faxes; empty uses the system&apos;s sender ID.</source>
        <translation>Text in der Kopfzeile ausgehender Faxe; leer verwendet die Absenderkennung des Systems.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="613"/>
        <source>ISDN Originating Address</source>
        <translation>ISDN-Absenderadresse</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="614"/>
        <source>Calling party number signalled for outgoing messages; empty uses the fax sender number.</source>
        <translation>Rufnummer, die bei ausgehenden Nachrichten als Anrufer signalisiert wird; leer verwendet die Fax-Absendernummer.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="618"/>
        <source>Cover Page</source>
        <translation>Deckblatt</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="620"/>
        <source>Name of the cover page folder used for outgoing faxes; empty uses the system default.</source>
        <translation>Name des Deckblattordners für ausgehende Faxe; leer verwendet den Systemstandard.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="624"/>
        <source>Force Cover Page</source>
        <translation>Deckblatt erzwingen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="626"/>
        <source>Adds the cover page to every outgoing fax.</source>
        <translation>Fügt jedem ausgehenden Fax das Deckblatt hinzu.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="627"/>
        <source>Billing Code</source>
        <translation>Abrechnungscode</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="629"/>
        <source>Any text recorded in the journal for charging.</source>
        <translation>Beliebiger Text, der für die Abrechnung im Journal vermerkt wird.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="631"/>
        <source>Create reports in the HTML format</source>
        <translation>Berichte im HTML-Format erstellen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="632"/>
        <source>Sends reports for incoming and outgoing messages as HTML e-mail.</source>
        <translation>Sendet Berichte zu eingehenden und ausgehenden Nachrichten als HTML-E-Mail.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="635"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="636"/>
        <source>Default language of HTML reports; users can choose their own.</source>
        <translation>Standardsprache der HTML-Berichte; Benutzer können ihre eigene wählen.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="639"/>
        <source>Outbound UMS messages with unknown sender will be:</source>
        <translation>Ausgehende UMS-Nachrichten mit unbekanntem Absender werden:</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="641"/>
        <source>What happens to outgoing messages whose sender is not found in the directory.</source>
        <translation>Was mit ausgehenden Nachrichten geschieht, deren Absender nicht im Verzeichnis gefunden wird.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="644"/>
        <source>sent with this user&apos;s UMS settings:</source>
        <translation>mit den UMS-Einstellungen dieses Benutzers gesendet:</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="646"/>
        <source>E-mail address whose permissions and sender data apply to unknown senders.</source>
        <translation>E-Mail-Adresse, deren Rechte und Absenderdaten für unbekannte Absender gelten.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="650"/>
        <source>Generally archive all deleted messages</source>
        <translation>Alle gelöschten Nachrichten generell archivieren</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="652"/>
        <source>Keeps a copy of every deleted message in the instance&apos;s SMTPIn/Error folder.</source>
        <translation>Bewahrt eine Kopie jeder gelöschten Nachricht im Ordner SMTPIn/Error der Instanz auf.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="657"/>
        <source>Business Phone</source>
        <translation>Telefon geschäftlich</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="658"/>
        <source>LDAP attribute with the sender&apos;s phone number.</source>
        <translation>LDAP-Attribut mit der Telefonnummer des Absenders.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="661"/>
        <source>Business Fax</source>
        <translation>Fax geschäftlich</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="662"/>
        <source>LDAP attribute with the sender&apos;s fax number.</source>
        <translation>LDAP-Attribut mit der Faxnummer des Absenders.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="664"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="666"/>
        <source>LDAP attribute with the sender&apos;s department.</source>
        <translation>LDAP-Attribut mit der Abteilung des Absenders.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="669"/>
        <source>Office</source>
        <translation>Büro</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="670"/>
        <source>LDAP attribute with the sender&apos;s office.</source>
        <translation>LDAP-Attribut mit dem Büro des Absenders.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="672"/>
        <source>Custom1</source>
        <translation>Benutzerdefiniert1</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="674"/>
        <source>LDAP attribute for the first custom cover page field.</source>
        <translation>LDAP-Attribut für das erste benutzerdefinierte Deckblattfeld.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="677"/>
        <source>Custom2</source>
        <translation>Benutzerdefiniert2</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="679"/>
        <source>LDAP attribute for the second custom cover page field.</source>
        <translation>LDAP-Attribut für das zweite benutzerdefinierte Deckblattfeld.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="682"/>
        <source>Custom3</source>
        <translation>Benutzerdefiniert3</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="684"/>
        <source>LDAP attribute for the third custom cover page field.</source>
        <translation>LDAP-Attribut für das dritte benutzerdefinierte Deckblattfeld.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="687"/>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="689"/>
        <source>LDAP attribute with the sender&apos;s company.</source>
        <translation>LDAP-Attribut mit der Firma des Absenders.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="691"/>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="693"/>
        <source>LDAP attribute with the sender&apos;s street.</source>
        <translation>LDAP-Attribut mit der Straße des Absenders.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="696"/>
        <source>Zip / Postal Code</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="697"/>
        <source>LDAP attribute with the sender&apos;s postal code.</source>
        <translation>LDAP-Attribut mit der Postleitzahl des Absenders.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="699"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="700"/>
        <source>LDAP attribute with the sender&apos;s city.</source>
        <translation>LDAP-Attribut mit dem Ort des Absenders.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="704"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="778"/>
        <source>PrintUnread</source>
        <translation>PrintUnread</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="706"/>
        <source>Prints incoming faxes whose read confirmation does not arrive within the queue time.</source>
        <translation>Druckt eingehende Faxe, deren Lesebestätigung nicht innerhalb der Wartezeit eintrifft.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="710"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="712"/>
        <source>Rules processed top down: which fax numbers are printed on which printer after how long.</source>
        <translation>Regeln, von oben nach unten abgearbeitet: welche Faxnummern nach welcher Zeit auf welchem Drucker gedruckt werden.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="716"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="719"/>
        <source>Queue time</source>
        <translation>Wartezeit</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="721"/>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="723"/>
        <source>Fax recipient numbers</source>
        <translation>Fax-Empfängernummern</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="737"/>
        <source>LDAP search</source>
        <translation>LDAP-Suche</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="739"/>
        <source>Logs LDAP searches for inbound and outbound messages and their results.</source>
        <translation>Protokolliert LDAP-Suchen für eingehende und ausgehende Nachrichten und deren Ergebnisse.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="741"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="755"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="769"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="783"/>
        <source>Size MB</source>
        <translation>Größe MB</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="743"/>
        <source>Size of one LDAP search log file in MB; 0 means no limit.</source>
        <translation>Größe einer Protokolldatei der LDAP-Suche in MB; 0 bedeutet keine Begrenzung.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="746"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="760"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="774"/>
        <location filename="../engine/config/SettingsSchema.cpp" line="789"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="748"/>
        <source>Number of LDAP search log files kept; 0 means files are never deleted.</source>
        <translation>Anzahl der aufbewahrten Protokolldateien der LDAP-Suche; 0 bedeutet, dass Dateien nie gelöscht werden.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="751"/>
        <source>SMTP connection</source>
        <translation>SMTP-Verbindung</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="753"/>
        <source>Logs the SMTP connections to the mail server and their failures.</source>
        <translation>Protokolliert die SMTP-Verbindungen zum Mail-Server und deren Fehler.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="757"/>
        <source>Size of one SMTP connection log file in MB; 0 means no limit.</source>
        <translation>Größe einer Protokolldatei der SMTP-Verbindungen in MB; 0 bedeutet keine Begrenzung.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="762"/>
        <source>Number of SMTP connection log files kept; 0 means files are never deleted.</source>
        <translation>Anzahl der aufbewahrten Protokolldateien der SMTP-Verbindungen; 0 bedeutet, dass Dateien nie gelöscht werden.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="765"/>
        <source>Message ID</source>
        <translation>Message-ID</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="767"/>
        <source>Logs the message ID of every inbound and outbound message.</source>
        <translation>Protokolliert die Message-ID jeder eingehenden und ausgehenden Nachricht.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="771"/>
        <source>Size of one message ID log file in MB; 0 means no limit.</source>
        <translation>Größe einer Message-ID-Protokolldatei in MB; 0 bedeutet keine Begrenzung.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="775"/>
        <source>Number of message ID log files kept; 0 means files are never deleted.</source>
        <translation>Anzahl der aufbewahrten Message-ID-Protokolldateien; 0 bedeutet, dass Dateien nie gelöscht werden.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="780"/>
        <source>Logs errors while spooling and printing unread faxes.</source>
        <translation>Protokolliert Fehler beim Spoolen und Drucken ungelesener Faxe.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="785"/>
        <source>Size of one PrintUnread log file in MB; 0 means no limit.</source>
        <translation>Größe einer PrintUnread-Protokolldatei in MB; 0 bedeutet keine Begrenzung.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="791"/>
        <source>Number of PrintUnread log files kept; 0 means files are never deleted.</source>
        <translation>Anzahl der aufbewahrten PrintUnread-Protokolldateien; 0 bedeutet, dass Dateien nie gelöscht werden.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="795"/>
        <source>Debugmode</source>
        <translation>Debugmodus</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="797"/>
        <source>Also logs the settings and detailed spooling data.</source>
        <translation>Protokolliert zusätzlich die Einstellungen und ausführliche Spooling-Daten.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="802"/>
        <source>SMTP Sender</source>
        <translation>SMTP-Sender</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="804"/>
        <source>Outgoing SMTP servers: the first is the default, later ones serve mail to their own domain.</source>
        <translation>Ausgehende SMTP-Server: Der erste ist der Standard, weitere bedienen Mails an ihre eigene Domäne.</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="814"/>
        <source>Port Number</source>
        <translation>Portnummer</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="817"/>
        <source>Sender (Identifier)</source>
        <translation>Absender (Kennung)</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="820"/>
        <source>Server Requires Authentication</source>
        <translation>Server erfordert Authentifizierung</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="821"/>
        <source>Account Name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="825"/>
        <source>User Challenge Response Authentication (Cram MD5)</source>
        <translation>Challenge-Response-Authentifizierung verwenden (CRAM-MD5)</translation>
    </message>
    <message>
        <location filename="../engine/config/SettingsSchema.cpp" line="830"/>
        <source>Direct SMTP (deliver to the domain&apos;s MX hosts, no relay)</source>
        <translation>Direktes SMTP (Zustellung an die MX-Hosts der Domäne, kein Relay)</translation>
    </message>
</context>
<context>
    <name>umgate::StringListEditor</name>
    <message>
        <location filename="../views/StringListEditor.cpp" line="22"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../views/StringListEditor.cpp" line="24"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../views/StringListEditor.cpp" line="26"/>
        <source>Move &amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <location filename="../views/StringListEditor.cpp" line="28"/>
        <source>Move Do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
</context>
<context>
    <name>umgate::SubscriberMailboxesPage</name>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="31"/>
        <source>&amp;Search the directory:</source>
        <translation>Im Verzeichnis &amp;suchen:</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="35"/>
        <source>Narrows the users already loaded</source>
        <translation>Schränkt die bereits geladenen Benutzer ein</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="37"/>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="55"/>
        <source>&amp;Load all</source>
        <translation>&amp;Alle laden</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="57"/>
        <source>&amp;Cancel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="71"/>
        <source>Who receives a message to a number: the directory&apos;s users of this instance. Mailboxes that take a number before the directory are kept in the instance&apos;s mailboxes.json.</source>
        <translation>Wer eine Nachricht an eine Nummer erhält: die Benutzer des Verzeichnisses dieser Instanz. Postfächer, die eine Nummer vor dem Verzeichnis übernehmen, werden in der Datei mailboxes.json der Instanz gepflegt.</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="121"/>
        <source>Subscriber Mailboxes - %1</source>
        <translation>Teilnehmer-Postfächer - %1</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="142"/>
        <source>%1 of %2 users loaded</source>
        <translation>%1 von %2 Benutzern geladen</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="143"/>
        <source>%1 shown, %2 of %3 loaded</source>
        <translation>%1 angezeigt, %2 von %3 geladen</translation>
    </message>
    <message>
        <location filename="../views/SubscriberMailboxesPage.cpp" line="29"/>
        <source>Name, e-mail address, user name or UMS number</source>
        <translation>Name, E-Mail-Adresse, Benutzername oder UMS-Nummer</translation>
    </message>
</context>
<context>
    <name>umgate::SystemPreferencesEmailPage</name>
    <message>
        <location filename="../views/SystemPreferencesEmailPage.cpp" line="15"/>
        <source>&amp;Email</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <location filename="../views/SystemPreferencesEmailPage.cpp" line="20"/>
        <source>System Preferences: Email</source>
        <translation>Systemeinstellungen: E-Mail</translation>
    </message>
</context>
<context>
    <name>umgate::TestMessageDialog</name>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="32"/>
        <source>Send Test Message - %1</source>
        <translation>Testnachricht senden - %1</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="33"/>
        <source>Send a test message to the Mail System</source>
        <translation>Eine Testnachricht an das Mailsystem senden</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="37"/>
        <source>Any number; it forms the sender address of the e-mail.</source>
        <translation>Beliebige Nummer; sie bildet die Absenderadresse der E-Mail.</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="40"/>
        <source>The recipient&apos;s number in canonical format, e.g. +49 30 4657864: the directory is searched for it.</source>
        <translation>Die Nummer des Empfängers im kanonischen Format, z. B. +49 30 4657864; nach ihr wird im Verzeichnis gesucht.</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="44"/>
        <source>Fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="45"/>
        <source>Voice</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="46"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="49"/>
        <source>C&amp;alling Party Number:</source>
        <translation>&amp;Absendernummer:</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="51"/>
        <source>Ca&amp;lled Party Number:</source>
        <translation>&amp;Zielrufnummer:</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="53"/>
        <source>Address &amp;Type:</source>
        <translation>Adress&amp;typ:</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="64"/>
        <source>The report of each step appears here.</source>
        <translation>Hier erscheint der Bericht zu jedem Schritt.</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="65"/>
        <source>&amp;Report:</source>
        <translation>&amp;Bericht:</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="69"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="72"/>
        <source>&amp;Copy Report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="96"/>
        <source>Enter the called party number: the directory is searched for it.</source>
        <translation>Geben Sie die Zielrufnummer ein; nach ihr wird im Verzeichnis gesucht.</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="101"/>
        <source>Sending...</source>
        <translation>Wird gesendet...</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="114"/>
        <source>The test message could not be sent: %1</source>
        <translation>Die Testnachricht konnte nicht gesendet werden: %1</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="128"/>
        <source>%1. [%2] %3: %4</source>
        <translation>%1. [%2] %3: %4</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="130"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="130"/>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="135"/>
        <source>Result: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <location filename="../views/TestMessageDialog.cpp" line="135"/>
        <source>Result: %1 (not delivered)</source>
        <translation>Ergebnis: %1 (nicht zugestellt)</translation>
    </message>
</context>
<context>
    <name>umgate::UserTableModel</name>
    <message>
        <location filename="../models/console/UserTableModel.cpp" line="102"/>
        <source>Listing the users of %1 failed: %2</source>
        <translation>Das Auflisten der Benutzer von %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../models/console/UserTableModel.cpp" line="205"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models/console/UserTableModel.cpp" line="207"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../models/console/UserTableModel.cpp" line="209"/>
        <source>User ID</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <location filename="../models/console/UserTableModel.cpp" line="213"/>
        <source>DN</source>
        <translation>DN</translation>
    </message>
    <message>
        <location filename="../models/console/UserTableModel.cpp" line="211"/>
        <source>UMS numbers</source>
        <translation>UMS-Nummern</translation>
    </message>
    <message>
        <location filename="../models/console/UserTableModel.cpp" line="200"/>
        <source>The numbers whose messages reach this user: the values the instance&apos;s search template compares with the called number.</source>
        <translation>Die Nummern, deren Nachrichten diesen Benutzer erreichen: die Werte, die die Suchvorlage der Instanz mit der gewählten Nummer vergleicht.</translation>
    </message>
</context>
</TS>
