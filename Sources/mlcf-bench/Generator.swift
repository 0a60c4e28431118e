import Foundation
import PlannerCore

/// SplitMix64: small, fast and the same on every platform, so a seed always gives the same file.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< bound.
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
}

/// A realistic synthetic portfolio of a long career: a consultant's evidence spread over thirty
/// appraisal years, in British English with accented names and some Chinese and Japanese text,
/// a description and three reflection parts of about 2 KB in all per item, 1–5 links each,
/// and twenty-nine earlier periods of self-ratings and PDP goals. Deterministic from the seed.
///
/// The text never looks patient-identifiable (no long digit runs, dates, postcodes or
/// e-mail addresses), so the PII guard does its full work and still finds nothing — like a
/// careful doctor's portfolio. Numbers do appear ("12 patients", "in 2019"), so the guard
/// cannot skip the items on a quick look.
struct PortfolioGenerator {
    let evidenceCount: Int
    var random: SeededRandom
    /// The kinds drawn from, in the taxonomy's order (so a seed gives the same file while the
    /// taxonomy's kinds stay the same).
    let taxonomy: Taxonomy

    init(evidence: Int, seed: UInt64, taxonomy: Taxonomy) {
        evidenceCount = evidence
        random = SeededRandom(seed: seed)
        self.taxonomy = taxonomy
    }

    static let currentStart = CalendarDate(year: 2026, month: 4, day: 1)!
    static let currentEnd = CalendarDate(year: 2027, month: 3, day: 31)!
    /// No evidence after this day, so the file reads the same whenever the benchmark runs.
    static let latestEvidence = CalendarDate(year: 2026, month: 11, day: 1)!
    static let pastPeriods = 29

    mutating func make() -> Portfolio {
        let framework = Framework.mlcf
        let firstYear = 2026 - PortfolioGenerator.pastPeriods
        let firstDay = CalendarDate(year: firstYear, month: 4, day: 1)!
        let span = firstDay.days(until: PortfolioGenerator.latestEvidence)
        var evidence: [Evidence] = []
        evidence.reserveCapacity(evidenceCount)
        for index in 0..<evidenceCount {
            // Spread evenly over the career, with some jitter; ids in the order written.
            let base = span * index / max(1, evidenceCount)
            let date = firstDay.adding(days: min(span, base + random.int(30)))
            evidence.append(makeEvidence(number: index + 1, date: date, framework: framework))
        }
        evidence.sort { $0.date < $1.date }
        var history: [PastPeriod] = []
        for year in firstYear..<2026 {
            history.append(makePastPeriod(startYear: year, framework: framework))
        }
        var ratings: [String: Rating] = [:]
        for element in framework.elements {
            ratings[framework.link(element.id)] = Rating(level: random.int(in: 2...4), note: sentence(minWords: 10))
        }
        let profile = Profile(
            name: "Dr Siân Ngọc Zoë Llewelyn-李", stage: .continuingPractice,
            periodStart: PortfolioGenerator.currentStart, periodEnd: PortfolioGenerator.currentEnd,
            gmcNumber: "7654321", grade: "Consultant geriatrician", specialty: "Geriatric medicine",
            organisation: "Ysbyty Gwynedd, Betsi Cadwaladr University Health Board",
            appraiser: "Dr Renée Ó Súilleabháin",
            scopeOfWork: [
                ScopeEntry(role: "Consultant geriatrician", organisation: "Betsi Cadwaladr University Health Board", place: "Ysbyty Gwynedd"),
                ScopeEntry(role: "Clinical lead for frailty same-day emergency care", organisation: "Betsi Cadwaladr University Health Board", place: "Bangor"),
                ScopeEntry(role: "Honorary senior lecturer", organisation: "Prifysgol Bangor", place: "Bangor"),
            ],
            probityStatement:
                "I hold appropriate indemnity for all my work. I have no conflicts of interest to declare beyond those listed in my scope of work.",
            healthStatement: "I accept the professional obligations placed on me in Good Medical Practice about my personal health.",
            achievements: paragraph(sentences: 4), challenges: paragraph(sentences: 3), aspirations: paragraph(sentences: 3))
        return Portfolio(
            profile: profile, evidence: evidence, ratings: ratings,
            pdp: (1...4).map {
                makeGoal(
                    id: "pdp-\(String(format: "%04d", $0))", target: PortfolioGenerator.currentEnd.adding(days: 30 * $0), status: .planned, framework: framework
                )
            },
            previousPdp: (1...3).map {
                makeGoal(id: "pdp-prev-\($0)", target: PortfolioGenerator.currentStart.adding(days: -20 * $0), status: .achieved, framework: framework)
            },
            history: history,
            walkthrough: Walkthrough(currentElement: framework.link(framework.elements[min(6, framework.elements.count - 1)].id)))
    }

    // MARK: Evidence

    mutating func makeEvidence(number: Int, date: CalendarDate, framework: Framework) -> Evidence {
        let kind = random.pick(taxonomy.kinds)
        var links: [String] = []
        let linkCount = random.int(in: 1...5)
        while links.count < linkCount {
            let element = random.pick(framework.elements)
            let link = framework.link(random.chance(20) ? element.id : random.pick(element.competences).id)
            if !links.contains(link) { links.append(link) }
        }
        let topic = random.pick(Vocabulary.topics)
        let title = titleFor(kind: kind, topic: topic)
        let description = paragraph(sentences: random.int(in: 3...4), topic: topic)
        let happened = paragraph(sentences: random.int(in: 4...5), topic: topic)
        let learned = paragraph(sentences: random.int(in: 4...5), topic: topic)
        let next = paragraph(sentences: random.int(in: 3...5), topic: topic)
        let usuallyCredited = Vocabulary.creditedKinds.contains(kind.rawValue)
        let credits: Double? = usuallyCredited || random.chance(10) ? Double(random.int(in: 1...24)) / 2 : nil
        let confirmation: Confirmation? =
            random.chance(30)
            ? Confirmation(name: random.pick(Vocabulary.people), role: random.pick(Vocabulary.roles), date: date.adding(days: random.int(in: 3...60)))
            : nil
        let attachments = (0..<random.int(in: 0...2)).map { _ in
            "~/appraisal/evidence/\(topic.file)-\(random.pick(Vocabulary.fileKinds)).pdf"
        }
        return Evidence(
            id: String(format: "ev-%05d", number), title: title, kind: kind, date: date,
            description: description,
            reflection: Reflection(whatHappened: happened, whatLearned: learned, whatNext: next),
            links: links, cpdCredits: credits, confirmation: confirmation, attachments: attachments,
            isPrivate: random.chance(5),
            supportingInfo: random.chance(5) ? [random.pick(["cpd", "quality-improvement", "significant-events"])] : nil,
            gmpDomains: random.chance(60) ? [random.pick(["knowledge-skills", "safety-quality", "communication-partnership", "maintaining-trust"])] : [],
            gmcAreas: random.chance(25) ? [random.pick(["employment", "teaching-training", "resources", "raising-concerns", "improving-services"])] : [])
    }

    mutating func titleFor(kind: EvidenceKind, topic: Vocabulary.Topic) -> String {
        // A kind the vocabulary has no words for is named by its label, up to any bracket.
        let label = taxonomy.label(of: kind)
        // One choice draws nothing, so a seed gives the same file as before kinds were data.
        let leads = Vocabulary.titleLeads[kind.rawValue] ?? [String(label.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)]
        let lead = leads.count == 1 ? leads[0] : random.pick(leads)
        var title = "\(lead): \(topic.name)"
        if random.chance(15) { title += " — " + random.pick(Vocabulary.titleTails) }
        return title
    }

    // MARK: Earlier periods

    mutating func makePastPeriod(startYear: Int, framework: Framework) -> PastPeriod {
        let start = CalendarDate(year: startYear, month: 4, day: 1)!
        let end = CalendarDate(year: startYear + 1, month: 3, day: 31)!
        var ratings: [String: Rating] = [:]
        for element in framework.elements {
            ratings[framework.link(element.id)] = Rating(level: random.int(in: 1...4), note: random.chance(40) ? sentence(minWords: 8) : "")
        }
        let goals = (1...random.int(in: 3...5)).map { n in
            makeGoal(
                id: "pdp-\(startYear)-\(n)", target: end.adding(days: -30 * n), status: random.pick([.achieved, .achieved, .carriedForward, .dropped]),
                framework: framework)
        }
        return PastPeriod(
            periodStart: start, periodEnd: end, stage: .continuingPractice,
            grade: startYear < 2005 ? "Specialist registrar" : "Consultant geriatrician",
            appraisalDate: end.adding(days: 45), appraiser: random.pick(Vocabulary.people),
            ratings: ratings, pdp: goals)
    }

    mutating func makeGoal(id: String, target: CalendarDate, status: GoalStatus, framework: Framework) -> Goal {
        let topic = random.pick(Vocabulary.topics)
        let element = random.pick(framework.elements)
        return Goal(
            id: id, title: "\(random.pick(Vocabulary.goalVerbs)) \(topic.name.lowercased())",
            why: sentence(minWords: 14, topic: topic), links: [framework.link(random.pick(element.competences).id), framework.link(element.id)],
            activities: sentence(minWords: 12, topic: topic), measure: sentence(minWords: 8, topic: topic),
            targetDate: target, status: status,
            reviewNote: status == .planned ? "" : sentence(minWords: 10, topic: topic))
    }

    // MARK: Text

    mutating func paragraph(sentences count: Int, topic: Vocabulary.Topic? = nil) -> String {
        (0..<count).map { _ in sentence(minWords: 15, topic: topic) }.joined(separator: " ")
    }

    /// One sentence: clauses from the vocabulary, sometimes a number, a name with accents or
    /// a phrase in Chinese or Japanese, about 120 bytes.
    mutating func sentence(minWords: Int, topic: Vocabulary.Topic? = nil) -> String {
        var words: [String] = [random.pick(Vocabulary.openers)]
        var count = 0
        while count < minWords {
            let piece: String
            switch random.int(12) {
            case 0: piece = random.pick(Vocabulary.numbered).replacingOccurrences(of: "#", with: String(random.int(in: 2...40)))
            case 1: piece = "with " + random.pick(Vocabulary.people)
            case 2: piece = random.pick(Vocabulary.foreign)
            case 3: piece = topic?.phrase ?? random.pick(Vocabulary.clauses)
            case 4: piece = "in " + String(random.int(in: 1998...2025))
            default: piece = random.pick(Vocabulary.clauses)
            }
            words.append(piece)
            count += piece.utf8.reduce(1) { $0 + ($1 == 32 ? 1 : 0) }
        }
        var text = words.joined(separator: " ")
        text.replaceSubrange(text.startIndex...text.startIndex, with: String(text[text.startIndex]).uppercased())
        return text + "."
    }
}

/// The words the generator builds text from.
enum Vocabulary {
    /// How titles of each kind of the built-in taxonomy start: synthetic data, not the program's.
    static let titleLeads: [String: [String]] = [
        "cpd": ["Course", "Conference", "Study day", "Webinar series", "E-learning module"],
        "quality-improvement": ["Audit", "Re-audit", "QI project", "PDSA cycle"],
        "significant-event": ["Significant event review", "Learning event", "Serious incident review"],
        "colleague-feedback": ["Colleague feedback (MSF)"],
        "patient-feedback": ["Patient feedback survey"],
        "complaint-compliment": ["Complaint", "Compliment", "Letter of thanks"],
        "workplace-assessment": ["Case-based discussion", "Mini-CEX", "DOPS"],
        "teaching": ["Teaching session", "Simulation teaching", "Lecture"],
        "leadership-role": ["Leading", "Chairing", "Setting up"],
        "research": ["Research", "Paper", "Poster"],
        "reflective-note": ["Reflection", "Reflective note", "Case reflection"],
        "other": ["Visit", "Shadowing", "Committee work"],
    ]
    /// Kinds whose items nearly always carry CPD credits in the synthetic portfolios.
    static let creditedKinds: Set<String> = ["cpd", "teaching"]

    struct Topic {
        let name: String
        let phrase: String
        let file: String
    }

    static let topics: [Topic] = [
        Topic(name: "Deprescribing in frailty", phrase: "when deprescribing anticholinergic medicines", file: "deprescribing"),
        Topic(name: "Delirium on the acute medical unit", phrase: "about delirium screening at the front door", file: "delirium"),
        Topic(name: "Falls prevention", phrase: "for the falls prevention pathway", file: "falls"),
        Topic(name: "Advance care planning", phrase: "about advance care planning conversations", file: "acp"),
        Topic(name: "Orthogeriatric hip fracture care", phrase: "on the orthogeriatric hip fracture ward", file: "hip-fracture"),
        Topic(name: "Frailty same-day emergency care", phrase: "in frailty same-day emergency care", file: "sdec"),
        Topic(name: "Comprehensive geriatric assessment", phrase: "through comprehensive geriatric assessment", file: "cga"),
        Topic(name: "Parkinson's disease clinic", phrase: "in the Parkinson's disease clinic", file: "parkinsons"),
        Topic(name: "Stroke rehabilitation", phrase: "on the stroke rehabilitation unit", file: "stroke"),
        Topic(name: "Dementia and carers", phrase: "with people living with dementia and their carers", file: "dementia"),
        Topic(name: "Discharge planning", phrase: "for safer discharge planning", file: "discharge"),
        Topic(name: "Medicines reconciliation", phrase: "on medicines reconciliation at admission", file: "medicines"),
        Topic(name: "Teaching foundation doctors", phrase: "when teaching foundation doctors", file: "teaching"),
        Topic(name: "Rota design and workforce", phrase: "while redesigning the registrar rota", file: "rota"),
        Topic(name: "Clinical governance", phrase: "at the clinical governance meeting", file: "governance"),
        Topic(name: "Care home liaison", phrase: "with the care home liaison team", file: "care-homes"),
        Topic(name: "Continence and catheter care", phrase: "about catheter-associated infection", file: "continence"),
        Topic(name: "Nutrition and hydration", phrase: "on nutrition and hydration rounds", file: "nutrition"),
        Topic(name: "Pressure ulcer prevention", phrase: "for pressure ulcer prevention", file: "pressure"),
        Topic(name: "Sepsis recognition", phrase: "on early sepsis recognition", file: "sepsis"),
        Topic(name: "Virtual wards", phrase: "in the new virtual ward", file: "virtual-ward"),
        Topic(name: "Multidisciplinary team working", phrase: "in the multidisciplinary board round", file: "mdt"),
        Topic(name: "Research on sarcopenia", phrase: "in our sarcopenia research", file: "sarcopenia"),
        Topic(name: "Patient safety culture", phrase: "about psychological safety in the team", file: "safety"),
        Topic(name: "Bilingual care (Cymraeg)", phrase: "when offering care in Welsh (Cymraeg)", file: "welsh"),
        Topic(name: "International collaboration on 老年医学", phrase: "with colleagues visiting from 上海 about 老年医学", file: "international"),
        Topic(name: "Japanese kaizen methods (改善)", phrase: "using the 改善 approach from a study visit to 東京", file: "kaizen"),
    ]

    static let openers = [
        "I", "We", "The team", "Our ward", "During the session I", "Afterwards I", "On reflection I", "Looking back, I",
        "At the start", "In the debrief we", "My registrar and I", "The nurse in charge and I", "Next time I will",
    ]

    static let clauses = [
        "noticed how much the handover depended on one person", "asked the team what had worked well",
        "felt uncomfortable but stayed with the silence", "realised my assumptions had been wrong",
        "changed the order of the ward round", "shared the learning at the departmental meeting",
        "wrote to the family to explain what had happened", "discussed the options with the patient and their daughter",
        "reviewed the guidance and the recent evidence", "met the pharmacist to agree a plan",
        "listened more than I spoke", "kept a record of what we tried", "escalated the concern to the clinical director",
        "found the feedback hard to hear at first", "used a structured approach to the conversation",
        "was surprised by how quickly things improved", "agreed clear actions with named owners",
        "saw how the system made the error easy to make", "supported a junior colleague through a difficult shift",
        "and the outcome was better than we expected", "although the data were incomplete",
        "because the patient's wishes had not been written down", "so that the next team would not start again",
        "while the department was under heavy pressure", "which the whole team had helped to shape",
        "and I learned to ask for help earlier", "as the café conversations with the team showed",
        "though my first plan was rather naïve", "after a long débrief with the nursing staff",
        "and I will test the new approach with the team", "which improved the experience of patients and carers",
    ]

    static let numbered = [
        "over # weeks", "with # colleagues", "in # sessions", "for # patients", "a #-minute huddle",
        "# of the notes we audited", "about # trainees", "# cycles of change", "in # care homes",
    ]

    static let people = [
        "Dr Siân Evans", "Dr Zoë Müller", "Sister Chloé Dubois", "Mr José Núñez", "Dr Małgorzata Wójcik",
        "Dr Øyvind Søreide", "Prof. Renée Lefèvre", "Dr Ngọc Trần", "Ms Þóra Jónsdóttir", "Dr 李 Wei",
        "Dr 田中 Hiroshi", "Dr Aoife Ní Bhriain", "Mr Dafydd ap Gwilym", "Dr Anaïs Kovačević",
    ]

    static let roles = ["Clinical director", "Educational supervisor", "Ward manager", "Consultant colleague", "Medical director"]

    static let foreign = [
        "(团队合作, teamwork)", "a reminder about 患者安全", "what colleagues call 振り返り (reflection)",
        "the principle of 学习 from each case", "the 医学教育 exchange", "in the spirit of 改善",
        "as the visiting nurse from 大阪 described it", "a little like the Welsh idea of cynefin",
    ]

    static let fileKinds = ["certificate", "slides", "report", "summary", "feedback"]

    static let titleTails = ["follow-up", "second cycle", "what changed", "Zoë's feedback", "cross-site", "café-style session"]

    static let goalVerbs = [
        "Improve my practice in", "Lead a project on", "Teach the team about", "Re-audit",
        "Develop a service for", "Learn more about",
    ]
}
