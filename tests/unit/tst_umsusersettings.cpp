// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/UmsUserSettings.h"

#include <QTest>

using namespace Qt::StringLiterals;
using umgate::DailyLimit;
using umgate::SettingValues;
using umgate::UmsUserSettings;

namespace {

UmsUserSettings full()
{
    UmsUserSettings s;
    s.isdnOriginatingAddress = u"+4930123"_s;
    s.faxSenderNumber = u"8142 4799123"_s;
    s.faxHeadline = u"Müller & Söhne; Abt. 5 = Einkauf 100%"_s;
    s.billingCode = u"KST-4711"_s;
    s.coverPage = u"Marketing"_s;
    s.forceCoverPage = true;
    s.htmlReportLanguage = u"de"_s;
    s.deleteAllReports = true;
    s.priorityCap = u"normal"_s;
    s.maxFaxPages = 20;
    s.faxPermission = u"national"_s;
    s.smsPermission = u"none"_s;
    s.voicePermission = u"internal"_s;
    s.maxFaxPerDay = {DailyLimit::Mode::Count, 50};
    s.maxSmsPerDay = {DailyLimit::Mode::Unlimited, 0};
    s.maxVoicePerDay = {DailyLimit::Mode::Count, 0};
    s.inboundFaxAs = u"both"_s;
    s.vip = true;
    return s;
}

} // namespace

class TstUmsUserSettings : public QObject
{
    Q_OBJECT
private slots:
    void defaultsEncodeToTagOnly()
    {
        QCOMPARE(UmsUserSettings().encode(), u"UMS1"_s);
        QString warning = u"x"_s;
        QCOMPARE(UmsUserSettings::decode(QString(), &warning), UmsUserSettings());
        QVERIFY(warning.isEmpty());
        QCOMPARE(UmsUserSettings::decode(u"UMS1"_s, &warning), UmsUserSettings());
        QVERIFY(warning.isEmpty());
    }

    void roundTripEveryField()
    {
        const UmsUserSettings s = full();
        const QString text = s.encode();
        QVERIFY2(text.size() <= UmsUserSettings::kMaxEncodedLength, qPrintable(text));
        QCOMPARE(text,
                 u"UMS1;bc=KST-4711;cp=Marketing;dar=1;fcp=1;fhl=Müller & Söhne%3B Abt. 5 %3D Einkauf 100%25;"
                 u"fp=national;fpd=50;fsn=8142 4799123;ifa=both;ioa=+4930123;lang=de;mfp=20;pri=normal;"
                 u"sp=none;spd=unlimited;vip=1;vp=internal;vpd=0"_s);
        QString warning;
        const UmsUserSettings back = UmsUserSettings::decode(text, &warning);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(back, s);
        QCOMPARE(back.encode(), text);
    }

    void controlCharactersEscaped()
    {
        UmsUserSettings s;
        s.unknownKeys.insert(u"zz"_s, u"a\r\nb\tc"_s);
        QCOMPARE(s.encode(), u"UMS1;zz=a%0D%0Ab%09c"_s);
        QCOMPARE(UmsUserSettings::decode(s.encode()), s);
    }

    void unknownKeysKept()
    {
        QString warning;
        const UmsUserSettings s =
            UmsUserSettings::decode(u"UMS1;fp=local;mobile=%3Bx;zeta=1;alpha=2"_s, &warning);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(s.faxPermission, u"local"_s);
        QCOMPARE(s.unknownKeys.value(u"mobile"_s), u";x"_s);
        QCOMPARE(s.encode(), u"UMS1;alpha=2;fp=local;mobile=%3Bx;zeta=1"_s);
        // Through the RPC form, too.
        const auto viaJson = UmsUserSettings::fromJson(s.toJson());
        QVERIFY(viaJson);
        QCOMPARE(viaJson->encode(), s.encode());
    }

    void corruptValuesFallBack_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("warningPart");
        QTest::addColumn<QString>("expected"); // encode() of the result
        QTest::newRow("bad permission")
            << u"UMS1;fp=galactic;sp=local"_s << u"fp (faxPermission)"_s << u"UMS1;sp=local"_s;
        QTest::newRow("bad number") << u"UMS1;fpd=-5;mfp=abc;vip=1"_s << u"fpd (maxFaxPerDay)"_s
                                    << u"UMS1;vip=1"_s;
        QTest::newRow("bad bool") << u"UMS1;vip=yes"_s << u"vip"_s << u"UMS1"_s;
        QTest::newRow("bad escape") << u"UMS1;fhl=100%;fp=none"_s << u"%-escape"_s << u"UMS1;fp=none"_s;
        QTest::newRow("no equals") << u"UMS1;garbage;fp=none"_s << u"not key=value"_s << u"UMS1;fp=none"_s;
        QTest::newRow("duplicate") << u"UMS1;fp=none;fp=local"_s << u"second value"_s << u"UMS1;fp=none"_s;
        QTest::newRow("newer version") << u"UMS2;fp=none"_s << u"format \"UMS2\""_s << u"UMS1"_s;
        QTest::newRow("foreign") << u"hello world"_s << u"not in umgate's UMS1 format"_s << u"UMS1"_s;
        QTest::newRow("bad sender") << u"UMS1;fsn=12ab"_s << u"fsn"_s << u"UMS1"_s;
        QTest::newRow("path cover page") << u"UMS1;cp=../etc"_s << u"cp"_s << u"UMS1"_s;
        QTest::newRow("huge count") << u"UMS1;spd=99999999999999999999"_s << u"spd"_s << u"UMS1"_s;
    }
    void corruptValuesFallBack()
    {
        QFETCH(QString, text);
        QFETCH(QString, warningPart);
        QFETCH(QString, expected);
        QString warning;
        const UmsUserSettings s = UmsUserSettings::decode(text, &warning);
        QVERIFY2(warning.contains(warningPart), qPrintable(warning));
        QCOMPARE(s.encode(), expected);
    }

    void hostileInputNeverCrashes()
    {
        const QStringList inputs = {u";;;;"_s,
                                    u"UMS1;=;==;%;%%;%zz"_s,
                                    u"UMS1;"_s + QString(5000, u'x'),
                                    u"UMS1;a="_s + QString(3000, u'%'),
                                    QString(1, QChar(0)),
                                    u"UMS"_s,
                                    u"UMS1;fp"_s,
                                    u"UMS1;mfp=4294967296;fpd=2147483648"_s};
        for (const QString& in : inputs) {
            QString warning;
            const UmsUserSettings s = UmsUserSettings::decode(in, &warning);
            UmsUserSettings::decode(s.encode()); // still encodable
        }
    }

    void json()
    {
        const UmsUserSettings s = full();
        const QJsonObject o = s.toJson();
        QCOMPARE(o.value(u"maxFaxPerDay"_s).toInt(), 50);
        QCOMPARE(o.value(u"maxSmsPerDay"_s).toString(), u"unlimited"_s);
        QCOMPARE(o.value(u"maxVoicePerDay"_s).toInt(-1), 0);
        QCOMPARE(o.value(u"vip"_s).toBool(), true);
        QCOMPARE(UmsUserSettings().toJson().value(u"faxPermission"_s).toString(), u"systemDefault"_s);
        QString error;
        const auto back = UmsUserSettings::fromJson(o, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(*back, s);

        QVERIFY(!UmsUserSettings::fromJson({{u"faxPermission"_s, u"galactic"_s}}, &error));
        QVERIFY2(error.startsWith(u"faxPermission "_s), qPrintable(error));
        QVERIFY(!UmsUserSettings::fromJson({{u"vip"_s, u"yes"_s}}, &error));
        QVERIFY2(error.startsWith(u"vip "_s), qPrintable(error));
        QVERIFY(!UmsUserSettings::fromJson({{u"maxFaxPerDay"_s, -1}}, &error));
        QVERIFY2(error.startsWith(u"maxFaxPerDay "_s), qPrintable(error));
        QVERIFY(!UmsUserSettings::fromJson({{u"mfp"_s, 3}}, &error));
        QVERIFY2(error.startsWith(u"mfp "_s), qPrintable(error));
        QVERIFY(!UmsUserSettings::fromJson({{u"faxHeadline"_s, u"a\nb"_s}}, &error));
        QVERIFY(!UmsUserSettings::fromJson({{u"unknownKeys"_s, QJsonObject{{u"fp"_s, u"x"_s}}}}, &error));
        // Too long for AD's extensionAttribute1 once encoded.
        QVERIFY(!UmsUserSettings::fromJson({{u"unknownKeys"_s, QJsonObject{{u"big"_s, QString(1100, u'x')}}}},
                                           &error));
        QVERIFY2(error.contains(u"1024"_s), qPrintable(error));

        // applyJson changes only what is given, and nothing on error.
        UmsUserSettings partial = s;
        QVERIFY(partial.applyJson({{u"faxPermission"_s, u"local"_s}}, &error));
        QCOMPARE(partial.faxPermission, u"local"_s);
        QCOMPARE(partial.maxFaxPerDay, s.maxFaxPerDay);
        QVERIFY(!partial.applyJson({{u"smsPermission"_s, u"local"_s}, {u"vip"_s, 3}}, &error));
        QCOMPARE(partial.smsPermission, s.smsPermission);
    }

    void effective()
    {
        const SettingValues instance({{u"globalUserSettings.rights.faxPermission"_s, u"national"_s},
                                      {u"globalUserSettings.rights.maxFaxPerDay"_s, 10},
                                      {u"globalUserSettings.rights.senderNumber"_s, u"4799100"_s},
                                      {u"globalUserSettings.htmlReport.language"_s, u"fr"_s}});
        const QJsonObject e = UmsUserSettings().effective(instance);
        QCOMPARE(e.value(u"faxPermission"_s).toString(), u"national"_s);
        QCOMPARE(e.value(u"smsPermission"_s).toString(), u"international"_s); // schema default
        QCOMPARE(e.value(u"maxFaxPerDay"_s).toInt(), 10);
        QCOMPARE(e.value(u"maxSmsPerDay"_s).toString(), u"unlimited"_s); // global 0 = unlimited
        QCOMPARE(e.value(u"faxSenderNumber"_s).toString(), u"4799100"_s);
        QCOMPARE(e.value(u"isdnOriginatingAddress"_s).toString(), u"4799100"_s); // 5.1.1
        QCOMPARE(e.value(u"htmlReportLanguage"_s).toString(), u"fr"_s);
        QCOMPARE(e.value(u"priorityCap"_s).toString(), u"high"_s);
        QCOMPARE(e.value(u"inboundFaxAs"_s).toString(), u"pdf"_s);

        const QJsonObject own = full().effective(instance);
        QCOMPARE(own.value(u"faxPermission"_s).toString(), u"national"_s);
        QCOMPARE(own.value(u"smsPermission"_s).toString(), u"none"_s);
        QCOMPARE(own.value(u"maxFaxPerDay"_s).toInt(), 50);
        QCOMPARE(own.value(u"maxSmsPerDay"_s).toString(), u"unlimited"_s);
        QCOMPARE(own.value(u"maxVoicePerDay"_s).toInt(-1), 0);
        QCOMPARE(own.value(u"isdnOriginatingAddress"_s).toString(), u"+4930123"_s);
        QCOMPARE(own.value(u"htmlReportLanguage"_s).toString(), u"de"_s);
        QCOMPARE(own.value(u"maxFaxPages"_s).toInt(), 20);
        QCOMPARE(own.value(u"vip"_s).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TstUmsUserSettings)
#include "tst_umsusersettings.moc"
