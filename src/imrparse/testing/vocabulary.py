"""Words real letters use, for the strategies of :mod:`imrparse.testing`.

Every entry is chosen so that the reading rules (``docs/reading-rules.md``) give it back
unchanged: list entries hold no sentence end, no comma outside parentheses and no lead-in
phrase; filler sentences hold no lead-in phrase, no injury phrase and no gendered pronoun
unless they say so with ``{he}``/``{his}``/``{him}``. Nothing here is copied from a real
letter; the phrasing follows the template (``TEMPLATE.md``).
"""

from __future__ import annotations

from imrparse.models import Sex

CERTIFICATIONS_2013 = (
    "Anesthesiology",
    "Occupational Medicine",
    "Physical Medicine and Rehabilitation",
    "Orthopaedic Surgery",
    "Internal Medicine",
    "Rheumatology",
    "Family Practice",
    "Psychiatry",
    "Obstetrics and Gynecology",
    "Emergency Medicine",
    "Preventive Medicine",
    "Plastic Surgery",
    "Neurological Surgery",
    "Dermatology",
)
SUBSPECIALTIES = (
    "Pain Medicine",
    "Sports Medicine",
    "Hand Surgery",
    "Cardiovascular Disease",
    "Addiction Medicine",
    "Geriatric Psychiatry",
)
CERTIFICATIONS_2016 = (
    "Family Practice",
    "Preventive Medicine",
    "Occupational Medicine",
    "Physical Medicine & Rehabilitation",
    "Pain Management",
    "Orthopedic Surgery",
    "Sports Medicine",
    "Internal Medicine",
    "Rheumatology",
    "Emergency Medicine",
    "Surgery",
    "Medical Toxicology",
    "Public Health & General Preventive Medicine",
)
PROFESSIONS = ("Chiropractor", "Acupuncturist", "Psychologist", "Physical Therapist")
STATES = (
    "California",
    "Texas",
    "New York",
    "Arizona",
    "Florida",
    "North Carolina",
    "South Carolina",
    "New Jersey",
    "Oregon",
    "Washington",
    "Ohio",
    "West Virginia",
    "Colorado",
    "Maryland",
    "Pennsylvania",
    "Utah",
)
ROLES = ("injured worker", "claimant", "patient", "applicant", "employee", "iw")
DIAGNOSES = (
    "lumbago",
    "thoracic pain",
    "cervicalgia",
    "arthralgia",
    "myofascial pain",
    "anxiety",
    "depression",
    "lumbar radiculopathy",
    "cervical radiculopathy",
    "right knee medial meniscus tear",
    "carpal tunnel syndrome",
    "chronic pain syndrome",
    "lumbar degenerative disc disease",
    "gastroesophageal reflux disease (GERD)",
    "status post left shoulder arthroscopy",
    "lumbar sprain and strain",
    "insomnia",
    "hypertension",
    "right shoulder impingement",
    "bilateral knee osteoarthritis",
    "post-traumatic stress disorder",
    "major depressive disorder (single episode, moderate)",
    "L4-5 disc protrusion",
    "plantar fasciitis",
    "Left knee contusion",
)
MEDICATIONS = (
    "valium 5mg",
    "Soma 350mg",
    "Norco 7.5-325mg",
    "Norco 10/325mg",
    "Ambien CR 12.5mg",
    "Carisoprodol 350mg",
    "Gabapentin 600mg",
    "Lidoderm 5% patch",
    "Tramadol ER 150mg",
    "Omeprazole 20mg",
    "Ibuprofen 800mg",
    "Cyclobenzaprine 7.5mg",
    "Naproxen sodium 550mg",
    "Tylenol #3",
    "lisinopril",
    "metoprolol",
    "atorvastatin",
    "Aspirin",
    "Diazepam",
    "Zantac",
    "Baclofen",
    "Duloxetine 60mg",
    "Voltaren 1% gel",
    "Terocin lotion",
)
# Injury phrases that take a date, and what to write when there is no date.
INJURY_CLAUSES = (
    "was injured on {date}",
    "sustained work-related injuries on {date}",
    "reported an injury on {date}",
    "was reportedly injured on {date}",
    "suffered an industrial injury on {date}",
    "has filed a claim for chronic low back pain reportedly associated with an industrial "
    "injury of {date}",
)
INJURY_WITH = (
    "with a date of injury of {date}",
    "with an industrial injury date of {date}",
    "with a date of injury on {date}",
    "with a history of an occupational claim from {date}",
)
NO_DATE_CLAUSES = ("complains of chronic low back pain", "reports ongoing neck pain")
NO_DATE_WITH = ("with chronic neck and shoulder pain", "with a history of knee pain")
MECHANISMS = (
    "",
    " due to a motor vehicle collision",
    " while lifting boxes",
    " after a fall from a ladder",
    " due to repetitive work activities",
    " resulting in neck, back, and bilateral shoulder injuries",
)
SUMMARY_FILLERS = (
    "The mechanism of injury was not provided.",
    "On {date}, the injured worker presented with neck and arm pain bilaterally with "
    "tingling in the hands.",
    "Upon examination, there was tenderness noted over the cervical paraspinals and "
    "trapezius more to the right than the left.",
    "The cervical spine range of motion was limited in all areas due to pain.",
    "Prior therapy included physical therapy, acupuncture and a home exercise program.",
    "A lumbar spine examination revealed limited range of motion.",
    "Deep tendon reflexes were 1+ at the knees and ankles.",
    "The request for authorization form was not included in the medical documents for review.",
    "The provider's rationale was not provided.",
    "Pain was rated 7/10 with treatment and 9/10 without treatment.",
    "An MRI of the lumbar spine dated {date} showed a 3 mm disc protrusion at L4-5.",
    'The treatment plan included a "home exercise program" and follow-up in 4 weeks.',
    "On {date}, Utilization Review non-certified the request.",
    "On {date}, the injured worker saw .",
    "The injured worker stated on {date} that the pain had not improved.",
    "Urine drug screen results were consistent with the prescribed regimen.",
    "There was no documentation of functional improvement.",
    "Work status was temporarily totally disabled.",
)
PRONOUN_FILLERS = (
    "{He} rated {his} back pain as 9/10 but reported 50% functional improvement.",
    "{He} ambulated with a slight limp with the left lower extremity.",
    "On {date}, {he} saw .",
    "{His} right knee gives way and there is locking.",
    "The physician referred {him} to a pain management specialist.",
    "{He} was noted to be working modified duty.",
)
RATIONALE_FILLERS = (
    "According to evidence-based guidelines, benzodiazepines are not recommended for "
    "long-term use because long-term efficacy is unproven and there is a risk of "
    "dependence.",
    "Most guidelines limit use to 4 weeks.",
    "The guidelines state that opioids should be discontinued if there is no overall "
    "improvement in function.",
    'The guidelines call for "ongoing review and documentation of pain relief, functional '
    'status, appropriate medication use, and side effects" during opioid therapy.',
    "There is no documentation of objective functional improvement with the prior treatment.",
    "The provider's request does not indicate the frequency of the medication.",
    "In this case, the injured worker has been prescribed this medication since at least 03/2014.",
    "Per the clinical note dated {date}, the medication was continued.",
    "Special testing such as MRI is not needed to evaluate most knee complaints until "
    "after a period of conservative care and observation.",
    "The MTUS Guidelines and ODG do not address this item, therefore, alternative "
    "guidelines were consulted.",
    "Frequency and duration of acupuncture may be 3 to 6 treatments, 1 to 3 times a week.",
)
DRUG_ITEMS = (
    ("Norco", ("10/325mg", "7.5-325mg", "5/325mg")),
    ("Valium", ("5mg", "10mg")),
    ("Diazepam", ("5mg",)),
    ("Cyclobenzaprine", ("7.5mg", "10mg")),
    ("Tramadol ER", ("150mg",)),
    ("Lidoderm", ("5% patch",)),
    ("Gabapentin", ("600mg", "300mg")),
    ("Omeprazole", ("20mg",)),
    ("Naproxen sodium", ("550mg",)),
    ("Soma", ("350mg",)),
    ("Ambien CR", ("12.5mg",)),
    ("Oxycodone", ("10mg",)),
    ("Zofran", ("8mg",)),
)
SERVICES = (
    "Acupuncture",
    "Physical therapy",
    "Chiropractic treatment",
    "Aquatic therapy",
    "Cognitive behavioral therapy",
)
PROCEDURES = (
    "MRI of the right knee without contrast",
    "MRI of the lumbar spine",
    "EMG of the left upper extremity",
    "NCS of the bilateral lower extremities",
    "Urine drug screen",
    "urine drug screen",
    "x-ray of the lumbar spine",
    "Right shoulder arthroscopic subacromial decompression",
    "Lumbar epidural steroid injection at L4-5",
    "TENS unit purchase",
    "Home health services 35 hours per week",
    "Post-operative abduction pillow sling",
    "Three months coverage of Viagra 50mg",
    "Functional capacity evaluation",
    "Bilateral L4-5 and L5-S1 medial branch blocks",
    "Continuous-flow cryotherapy unit for 7 days rental",
    "Physical therapy 2 times a week for 6 weeks for the cervical spine, lumbar spine and "
    "bilateral shoulders with a home exercise program",
)
# First-generation MTUS titles as written, and the title the reading rules give.
MTUS_TITLES_2013 = (
    ("Chronic Pain Treatment Guidelines", "Chronic Pain Treatment Guidelines"),
    ("Chronic Pain Medical Treatment Guidelines", "Chronic Pain Medical Treatment Guidelines"),
    ("Acupuncture Treatment Guidelines", "Acupuncture Treatment Guidelines"),
    ("Acupuncture Medical Treatment Guidelines", "Acupuncture Medical Treatment Guidelines"),
    ("Postsurgical Treatment Guidelines", "Postsurgical Treatment Guidelines"),
    ("ACOEM Low Back Complaints", "Low Back Complaints"),
    ("Low Back Complaints", "Low Back Complaints"),
    ("ACOEM Neck and Upper Back Complaints", "Neck and Upper Back Complaints"),
    ("ACOEM Knee Complaints", "Knee Complaints"),
    ("ACOEM Shoulder Complaints", "Shoulder Complaints"),
    ("ACOEM Elbow Disorders", "Elbow Disorders"),
    ("ACOEM Forearm, Wrist, and Hand Complaints", "Forearm, Wrist, and Hand Complaints"),
    ("ACOEM Stress Related Conditions", "Stress Related Conditions"),
    (
        "ACOEM Occupational Medicine Practice Guidelines",
        "Occupational Medicine Practice Guidelines",
    ),
)
MTUS_TOPICS_2013 = (
    "Benzodiazepines",
    "Opioids",
    "Muscle relaxants",
    "Antispasticity/Antispasmodic Drugs",
    "Topical Analgesics",
    "NSAIDs (non-steroidal anti-inflammatory drugs)",
    "Urine drug testing",
    "Transcutaneous electrotherapy",
    "Criteria for use of opioids",
    "Special Studies",
    "Physical Medicine",
    "Proton pump inhibitors",
    "Anti-epilepsy drugs (AEDs)",
)
MTUS_CHAPTERS_2016 = (
    ("Low Back Complaints", 2004),
    ("Knee Complaints", 2004),
    ("Neck and Upper Back Complaints", 2004),
    ("Shoulder Complaints", 2004),
    ("Elbow Complaints", 2007),
    ("Forearm, Wrist, and Hand Complaints", 2004),
    ("Ankle and Foot Complaints", 2004),
    ("Chronic Pain Medical Treatment", 2016),
    ("Opioid Treatment", 2016),
    ("Postsurgical Treatment", 2009),
    ("Stress Related Conditions", 2004),
)
MTUS_SECTIONS_2016 = (
    "Summary",
    "Special Studies",
    "Diagnostic Criteria",
    "Initial Care",
    "Surgical Considerations",
    "General Approach",
    "Facet blocks",
    "Home health services",
    "NSAIDs (non-steroidal anti-inflammatory drugs)",
    "Antiemetics (for opioid nausea)",
    "Electrodiagnostic testing (EMG/NCS)",
    "Shoulder",
    "Elbow & Upper Arm",
    "Muscle relaxants (for pain)",
    "Physical Medicine",
    "TENS, chronic pain (transcutaneous electrical nerve stimulation)",
    "NSAIDs, GI symptoms & cardiovascular risk",
)
MTUS_NUMBERED_SECTIONS_2016 = (
    "1.4 Opioids for Acute Pain: Opioids for Post-operative Pain",
    "3.2 Opioids for Chronic Pain and Chronic Opioid Treatment",
    "4.1 Opioid Dosing Calculator",
)
# Non-MTUS guideline names the reading rules recognise, and what follows them.
NON_MTUS_TITLES = (
    "Official Disability Guidelines (ODG)",
    "Official Disability Guidelines",
    "ODG",
    "ODG Guidelines",
    "ACOEM Practice Guidelines",
)
NON_MTUS_SECTIONS = (
    "Pain Chapter",
    "Pain",
    "Urine drug testing",
    "Shoulder",
    "Continuous-flow cryotherapy",
    "Low Back Chapter",
    "Preoperative lab testing",
    "Knee & Leg (updated 11/22/16)",
    "Head",
    "CT",
    "Pain (Chronic)",
    "Home Health Services",
    "Neck and Upper Back Chapter",
    "Chapter 12",
)
# Non-MTUS sources that name no recognised guideline (title None), and their sections.
# (Known publishers such as Medicare and online documents such as UpToDate monographs
# are read otherwise: docs/reading-rules.md.)
OTHER_SOURCES = (
    ("Harlan K", "Wrist orthoses for recurrent carpal tunnel syndrome", "J Hand Ther 2010"),
    ("State Compensation Insurance Fund", "Physician Fee Schedule Search"),
    ("California Code of Regulations", "Title 8", "Section 9792.24.2"),
)
MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "", "", "", "Aug", "Sep", "Oct", "Nov", "Dec")
PRONOUNS = {
    Sex.MALE: {"he": "he", "He": "He", "his": "his", "His": "His", "him": "him"},
    Sex.FEMALE: {"he": "she", "He": "She", "his": "her", "His": "Her", "him": "her"},
}
