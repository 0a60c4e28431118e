import Foundation
import PlannerCore
import Testing

/// Issue 15: `mlcf export --calendar` writes the dates the doctor works to as RFC 5545,
/// checked by a strict reader written here and by a real parser (python3's `icalendar`).
@Suite struct CalendarExportTests {
    static let stamp = Date(timeIntervalSince1970: 1_796_000_000)

    static func profile(name: String = "Dr Siân Evans", body: String? = "NHS England", officer: String? = "Dr Officer") -> Profile {
        var profile = readyContinuingPortfolio().profile
        profile.name = name
        profile.appraisalDate = date("2027-05-14")
        profile.revalidationDate = date("2029-01-31")
        profile.designatedBody = body
        profile.responsibleOfficer = officer
        return profile
    }

    /// What a TEXT value means after a reader has it: line breaks as `\n`, other controls as spaces.
    static func meant(_ text: String) -> String {
        var out = "", pendingCR = false
        for scalar in text.unicodeScalars {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\r": out += "\n"; pendingCR = true
            case "\n", "\u{85}", "\u{2028}", "\u{2029}": out += "\n"
            case "\t": out += "\t"
            default: out += scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? " " : String(scalar)
            }
        }
        return out
    }

    @Test func theFileHasAnAllDayEventAndAReminderForEachDate() throws {
        let text = try CalendarExport.document(Self.profile(), taxonomy: .bundled, stamp: Self.stamp)
        let calendar = try ICalendarChecker.parse(text)
        #expect(calendar.children.count == 2)
        let appraisal = calendar.children[0], revalidation = calendar.children[1]
        #expect(appraisal.one("DTSTART")?.value == "20270514" && appraisal.one("DTEND")?.value == "20270515")
        #expect(appraisal.one("SUMMARY")?.value == "Appraisal meeting")
        #expect(appraisal.one("DTSTAMP")?.value == "20261130T005320Z")
        #expect(appraisal.children.first?.one("TRIGGER")?.value == "-P14D")
        #expect(revalidation.children.first?.one("TRIGGER")?.value == "-P120D")
        #expect(revalidation.one("DTSTART")?.value == "20290131")
        #expect(appraisal.one("UID")?.value != revalidation.one("UID")?.value)
        // The same portfolio gives the same ids, so importing again updates instead of doubling.
        let again = try ICalendarChecker.parse(try CalendarExport.document(Self.profile(), taxonomy: .bundled, stamp: Date()))
        #expect(again.children.map { $0.one("UID")?.value } == calendar.children.map { $0.one("UID")?.value })
        let uid = try #require(appraisal.one("UID")?.value)
        #expect(uid.hasPrefix("appraisalDate-20270514-") && uid.hasSuffix("@mlcf") && uid.range(of: "Evans") == nil)
    }

    @Test func onlyTheDatesSetAreWrittenAndNoneIsAClearError() throws {
        var profile = Self.profile()
        profile.revalidationDate = nil
        let calendar = try ICalendarChecker.parse(try CalendarExport.document(profile, taxonomy: .bundled, stamp: Self.stamp))
        #expect(calendar.children.count == 1)
        profile.appraisalDate = nil
        #expect(throws: CalendarExport.NoDates.self) { try CalendarExport.document(profile, taxonomy: .bundled, stamp: Self.stamp) }
    }

    @Test func theFileIsWrittenAtomicallyAndOwnerOnly() throws {
        let folder = TempFolder()
        let url = folder.file("dates.ics")
        try CalendarExport.export(Self.profile(), taxonomy: .bundled, stamp: Self.stamp, to: url)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOf: url, encoding: .utf8) == CalendarExport.document(Self.profile(), taxonomy: .bundled, stamp: Self.stamp))
        #expect(CalendarExport.defaultOutputURL(for: folder.file("me.json")).lastPathComponent == "me-dates.ics")
    }

    @Test func foldingKeepsEveryLineWithin75OctetsAndNeverSplitsACharacter() {
        let texts = [
            String(repeating: "a", count: 200), String(repeating: "李", count: 90), String(repeating: "é😀", count: 60), String(repeating: "e\u{301}", count: 70),
        ]
        for text in texts {
            let folded = CalendarExport.fold("DESCRIPTION:" + text)
            let lines = folded.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 75 })
            #expect(lines.dropFirst().allSatisfy { $0.utf8.first == UInt8(ascii: " ") })
            #expect(lines.first! + lines.dropFirst().map { String($0.unicodeScalars.dropFirst()) }.joined() == "DESCRIPTION:" + text)
        }
    }

    static let awkward: [String] = [
        "a", "Z", " ", ",", ";", "\\", "\n", "\r\n", "\r", ":", "\"", "é", "e\u{301}", "Ní", "李", "😀", "\t", "\u{1B}", "\u{2028}", "'", "=",
    ]

    static func randomText(_ choices: inout Choices, longest: Int) -> String {
        (0..<choices.next(longest + 1)).map { _ in choices.pick(Self.awkward) }.joined()
    }

    /// Random names, bodies and officers (commas, semicolons, line breaks, accents, 李) pass the
    /// strict reader and come back as meant.
    @Test func generatedNamesRoundTripThroughTheStrictReader() async {
        await Generated.check(fixedSeed: 1502, count: 300, maxLength: 300) { bytes in
            var choices = Choices(bytes)
            let profile = Self.profile(
                name: Self.randomText(&choices, longest: 60), body: choices.chance(4) ? nil : Self.randomText(&choices, longest: 90),
                officer: Self.randomText(&choices, longest: 40))
            let text = try CalendarExport.document(profile, taxonomy: .bundled, stamp: Self.stamp)
            let calendar = try ICalendarChecker.parse(text)
            for (event, info) in zip(calendar.children, Taxonomy.bundled.dueDateKinds) {
                #expect(event.one("DESCRIPTION")?.value == Self.meant(CalendarExport.details(info, profile)))
            }
        }
    }

    /// The same, read by a real parser: python3's `icalendar` (installed by `make deps`).
    @Test func generatedFilesReadBackThroughPythonsIcalendar() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import icalendar"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("python3's icalendar is missing: run make deps") }
            print("skipped: python3's icalendar is not installed (make deps installs it)")
            return
        }
        let folder = TempFolder()
        var random = SeededRandom(seed: ProcessInfo.processInfo.environment["MLCF_SEED"].flatMap { UInt64($0) } ?? 1503)
        print("generated: python icalendar round trip from seed \(1503) (MLCF_SEED=N replays another)")
        var expected: [[String]] = []
        for index in 0..<120 {
            var choices = Choices((0..<300).map { _ in UInt8.random(in: 0...255, using: &random) })
            let profile = Self.profile(
                name: Self.randomText(&choices, longest: 60), body: Self.randomText(&choices, longest: 90),
                officer: Self.randomText(&choices, longest: 40))
            try CalendarExport.export(profile, taxonomy: .bundled, stamp: Self.stamp, to: folder.file("\(index).ics"))
            expected.append(Taxonomy.bundled.dueDateKinds.map { Self.meant(CalendarExport.details($0, profile)) })
        }
        let script = """
            import icalendar, json, sys
            out = []
            for i in range(int(sys.argv[2])):
                cal = icalendar.Calendar.from_ical(open(f"{sys.argv[1]}/{i}.ics", "rb").read())
                events = []
                for e in cal.walk("VEVENT"):
                    alarms = [int(a["TRIGGER"].dt.days) for a in e.walk("VALARM")]
                    events.append({"description": str(e["DESCRIPTION"]), "start": e["DTSTART"].dt.isoformat(), "alarms": alarms})
                out.append(events)
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.url.path, "\(expected.count)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3's icalendar could not read the files")
        let parsed = try JSONSerialization.jsonObject(with: data) as! [[[String: Any]]]
        for (index, events) in parsed.enumerated() {
            #expect(events.map { $0["description"] as? String } == expected[index], "file \(index)")
            #expect(events.map { $0["start"] as? String } == ["2027-05-14", "2029-01-31"])
            #expect(events.map { $0["alarms"] as? [Int] } == [[-14], [-120]])
        }
    }
}
