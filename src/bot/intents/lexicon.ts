import { fold } from '../../domain/shared/text';

/**
 * Words the parser knows, English and German, folded (see `fold`). Each word carries one or more
 * concepts; everything else in a message is a candidate name. German compounds are listed whole.
 */
export type Concept =
  // question words and verbs
  | 'WHO' | 'WHAT' | 'WHY' | 'HOW' | 'COME' | 'LONG' | 'CAN' | 'SEE' | 'DO' | 'SET' | 'BLOCK' | 'SHOW'
  // persons and fillers
  | 'ME' | 'I' | 'YOU' | 'FOR' | 'TO' | 'OF' | 'ON' | 'FILLER'
  // details
  | 'MOBILE' | 'PHONE' | 'NUMBER' | 'PRIVATE' | 'BUSINESS' | 'OTHER' | 'PRESENCE' | 'STATUS' | 'CHAT'
  | 'APPOINTMENT' | 'PUBLIC' | 'OUTGOING' | 'INCOMING' | 'FORWARD' | 'PICKUP' | 'CALLS' | 'LINE'
  | 'ONE' | 'TWO' | 'SECOND' | 'FIRST' | 'JOB' | 'TITLE' | 'COMPANY' | 'OFFICE' | 'ADDRESS' | 'WEBSITE'
  | 'NOTE' | 'EMAIL' | 'DISPLAY' | 'DISPLAYNAME' | 'NAME'
  // levels
  | 'L_BLOCKED' | 'L_PUBLIC' | 'L_BUSINESS' | 'L_TEAM' | 'L_MEMBER' | 'L_PERSONAL' | 'LEVEL' | 'GROUP'
  // other intents
  | 'HELP' | 'GREETING' | 'WORK' | 'GRANTS' | 'GIVEN'
  | 'REQUEST' | 'REQUEST_VERB' | 'RECORD_STRONG' | 'R_ACCESS' | 'R_COPY' | 'R_ERASURE' | 'R_RECTIFY' | 'R_RESTRICT' | 'R_OBJECT' | 'DATA'
  | 'PROCESSING' | 'NEWS' | 'RETENTION' | 'RECORD' | 'ARTICLE' | 'THIRTY' | 'PENDING' | 'THIRD' | 'BEHALF' | 'WITHDRAW' | 'NEGATION'
  // grants removed, details outside the matrix
  | 'UNBLOCK' | 'REMOVE' | 'R_STRONG' | 'PHOTO' | 'DEPARTMENT' | 'FAX' | 'PAGER' | 'SIP' | 'CUSTOMER'
  // somebody outside the company whose request an employee passes on
  | 'OUTSIDER'
  // every one of something: "remove all my grants"
  | 'ALL'
  // thanks, what a level means, the data-protection officer, relations the directory knows
  | 'THANKS' | 'MEAN' | 'DIFFERENCE' | 'LEVELS' | 'DPO' | 'CONTACT' | 'MANAGER' | 'REL_MANAGER' | 'REL_TEAM'
  // everyday names of details: calls made or received, items outside the matrix
  | 'CALLED' | 'CAR' | 'RADIO' | 'COMMENT' | 'FIRSTNAME' | 'LASTNAME'
  // everyday ways of asking: anyone, what happens, nothing/everything, stored, stopping, a worklist
  | 'ANYONE' | 'HAPPEN' | 'NOTHING' | 'STORED' | 'STOP' | 'WORKLIST' | 'MODAL' | 'UNDO' | 'WHEN' | 'EVERYONE' | 'BOT' | 'WHICH' | 'PROTECTION'
  // consent given for processing ("ich widerrufe meine Einwilligung"); a new value ("my new number")
  | 'CONSENT' | 'NEW'
  // catalogue items that are no matrix row: the UPN, the deputy's, callback, ISDN, telex and main numbers, the CRM link
  | 'UPN' | 'ASSISTANT' | 'CALLBACK' | 'ISDN' | 'TELEX' | 'MAINLINE' | 'CRM';

const ENTRIES: Record<string, Concept[]> = {};
const add = (concepts: Concept[], words: string): void => {
  for (const word of words.split(/\s+/).filter(Boolean)) {
    const key = fold(word);
    ENTRIES[key] = [...(ENTRIES[key] ?? []), ...concepts];
  }
};

add(['WHO'], 'who wer whom');
add(['WHAT'], 'what was');
add(['WHY'], 'why warum wieso weshalb wozu');
add(['HOW'], 'how wie');
add(['COME'], 'come kommt');
add(['LONG'], 'long lange');
add(['CAN'], 'can could may might kann kanns konnen darf durfen able allowed permitted');
add(['SEE'], 'see sees seen view views read reads sehen sehe sieht seht einsehen lesen liest anschauen');
add(['DO'], 'does do did is are am has have be been will would tut macht machen ist sind hat haben wird');
add(['SET'], 'set sets setting change changes modify give make put assign mark raise lower downgrade upgrade setz setze setzen setzt stufe stufen einstufen stell stelle gib gebe geben andern andert mach mache bekommt bekommen');
add(['SET', 'REQUEST_VERB'], 'stellen');
add(['BLOCK', 'L_BLOCKED'], 'block blocks blockieren blockiere sperre sperren sperr');
add(['L_BLOCKED'], 'blocked gesperrt geblockt blockiert');
add(['SHOW'], 'show list display zeig zeige zeigen anzeigen liste auflisten');
add(['ME'], 'me my mine myself mich mir mein meine meinen meiner meines meinem');
add(['I'], 'i ich');
add(['YOU'], 'you du dich dir');
add(['FOR'], 'for fur');
add(['BEHALF'], 'behalf');
add(['NEGATION'], 'not dont nicht kein keine');
add(['TO'], 'to auf als into');
add(['OF'], 'of about from von uber');
add(['ON'], 'on at in an');
add(['FILLER'], 'the a an der die das den dem des ein eine einen einem einer with mit and und or oder please bitte mal schon yet already also auch all alle alles any anyone anybody jemand this that which dies diese dieser diesen welche welcher welches es it its there here hier zu zum zur bei dass just nur only sich gerne gern like want up e mochte mochten brauche need');
// Titles before a name are dropped: "Frau Musterfrau", "Herr Weiß".
add(['FILLER'], 'dr');
// … and say that the request is somebody else's: "Kunde Hans Meier", "Frau Musterfrau möchte …".
add(['FILLER', 'OUTSIDER'], 'frau herr herrn mr mrs ms');
add(['OUTSIDER'], 'kunde kundin kunden client clients klient klientin mandant mandantin anrufer anruferin caller burger burgerin citizen patient patientin bewerber bewerberin applicant mieter mieterin tenant somebody someone');
// How a relayed request came ("per Brief", "by letter"): small words, never a name.
add(['FILLER'], 'per via by nach laut');
// What they did, in the words of the colleague passing it on: never a name.
add(['FILLER'], 'wrote writes written asked asks wants wanted requested requests said says sent sends schreibt schrieb geschrieben fragt fragte gefragt verlangt verlangte fordert forderte gefordert bittet bat gebeten moechte wissen called phoned emailed mailed came comes reception rezeption empfang');
// Near other keywords ("often" ~ "offen"): known, so that they are not mistaken for them.
add(['FILLER'], 'often oft');
// Somebody else's data ("his data", "ihre Daten"): the request is not the asker's own.
add(['THIRD'], 'his her their hers theirs seine seiner seinen seinem ihre ihrer ihren ihrem');
// Words that end a name: "Max Müller aus Köln", "Erika from Berlin".
add(['FILLER'], 'aus');
add(['MOBILE'], 'mobile cell cellphone handy handynr mobilnr handynummer mobilnummer mobiltelefon mobilfunknummer mobilfunk');
add(['PHONE'], 'phone telephone telefon telefonnummer festnetz festnetznummer durchwahl');
add(['PHONE', 'PRIVATE'], 'privatnummer');
add(['PHONE', 'BUSINESS'], 'geschaftsnummer');
add(['NUMBER'], 'number numbers nummer nummern rufnummer rufnummern');
add(['PRIVATE'], 'private privat privaten privater privates home personliche');
add(['BUSINESS', 'L_BUSINESS'], 'business geschaftlich geschaftliche geschaftlichen');
add(['BUSINESS'], 'work dienstlich dienstliche dienstlichen');
add(['OTHER'], 'other another andere anderen anderer weitere weiteren zusatzliche');
add(['PRESENCE'], 'presence availability prasenz anwesenheit verfugbarkeit prasenzstatus onlinestatus');
add(['STATUS'], 'status stand');
add(['CHAT'], 'chat chats chatten chattet message messages nachricht nachrichten');
add(['APPOINTMENT'], 'appointment appointments calendar meetings meeting termine termin terminen kalender');
add(['PUBLIC', 'L_PUBLIC'], 'public offentlich offentliche offentlichen');
add(['OUTGOING'], 'outgoing abgehende abgehenden ausgehende ausgehenden');
add(['INCOMING'], 'incoming ankommende ankommenden eingehende eingehenden');
add(['FORWARD'], 'forwarding forwards diversion diversions umleitung umleitungen rufumleitung weiterleitung anrufumleitung');
// Verbs: to forward calls is to set a forwarding.
add(['FORWARD', 'SET'], 'forward divert umleiten weiterleiten');
add(['PICKUP'], 'pick pickup heranholen abnehmen heranziehen');
add(['CALLS'], 'call calls anrufe anruf anrufen gesprache gesprach');
add(['LINE'], 'line lines leitung leitungen nebenstelle');
// "My extension" is the number colleagues dial (Durchwahl), not one of the two lines.
add(['PHONE', 'BUSINESS'], 'extension');
add(['ONE'], '1 one eins');
add(['TWO'], '2 two zwei');
add(['SECOND'], 'second zweite zweiten zweiter');
add(['FIRST'], 'first erste ersten');
add(['JOB'], 'job jobtitle stellenbezeichnung berufsbezeichnung jobtitel position');
add(['TITLE'], 'title titel');
add(['COMPANY'], 'company firm firma firmenname firmennamen unternehmen');
add(['OFFICE'], 'office room buro raum raumnummer zimmer');
add(['ADDRESS'], 'address adress adresse anschrift');
add(['ADDRESS', 'BUSINESS'], 'geschaftsadresse firmenadresse');
add(['WEBSITE'], 'website web webpage homepage sharepoint webseite url link seite');
add(['NOTE'], 'note notes notiz notizen');
add(['EMAIL'], 'email e-mail mail mails emailadresse mailadresse e-mail-adresse');
add(['DISPLAY'], 'display');
add(['DISPLAYNAME'], 'anzeigename anzeigenamen displayname');
add(['NAME'], 'name names namen');
add(['L_TEAM'], 'team teammitglied teammitglieder teammember');
add(['L_MEMBER'], 'member mitglied');
add(['L_PERSONAL'], 'personal personlich');
add(['LEVEL'], 'level stufe berechtigungsstufe contact kontakt');
add(['GROUP'], 'group gruppe');
add(['HELP'], 'help hilfe commands befehle');
// "ich wollte fragen, …": a polite start, not a request for help.
add(['FILLER'], 'fragen wollte wollt wanted wondering');
add(['GREETING'], 'hi hello hey hallo moin servus morgen good guten tag evening abend');
add(['WORK'], 'work works working funktioniert funktionieren');
add(['GRANTS'], 'grants grant permissions permission rights berechtigungen berechtigung freigaben freigabe rechte');
add(['GIVEN'], 'given granted vergeben erteilt gegeben');
add(['REQUEST'], 'request requests antrag antrags antrage antragen anfrage anfragen case cases vorgang vorgange reqests reqeusts');
add(['REQUEST_VERB'], 'beantragen start open file einlegen stellen submit raise gdpr dsgvo starten anlegen erfassen aufnehmen einreichen eroffnen');
add(['R_ACCESS', 'R_STRONG'], 'auskunft datenauskunft');
add(['R_ACCESS'], 'access acces');
add(['R_ACCESS', 'REQUEST', 'R_STRONG'], 'auskunftsantrag auskunftsersuchen');
add(['R_RECTIFY', 'REQUEST', 'R_STRONG'], 'berichtigungsantrag');
add(['R_RESTRICT', 'REQUEST', 'R_STRONG'], 'einschrankungsantrag');
add(['R_COPY'], 'copy kopie export');
add(['R_ERASURE'], 'erase deletion loschen forget forgotten vergessen');
add(['R_ERASURE', 'REMOVE'], 'delete');
add(['R_ERASURE', 'REMOVE'], 'remove losche');
add(['R_ERASURE', 'R_STRONG'], 'erasure loschung');
add(['R_ERASURE', 'REQUEST', 'R_STRONG'], 'loschantrag');
add(['R_RECTIFY'], 'rectify correct correction wrong fix berichtigen korrigieren korrektur falsch');
add(['R_RECTIFY', 'R_STRONG'], 'rectification berichtigung');
add(['R_RESTRICT'], 'restrict restriction einschranken');
add(['R_RESTRICT', 'R_STRONG'], 'einschrankung');
add(['R_OBJECT'], 'object widerspreche');
add(['R_OBJECT', 'R_STRONG'], 'objection widerspruch widersprechen');
add(['DATA'], 'data daten datn dta');
add(['PROCESSING'], 'processing verarbeitung verarbeiten');
add(['NEWS'], 'news processed bearbeitet weit progress update erledigt due deadline frist fallig neuigkeiten neues where');
// Taking a request back: answered with the asker's cases and their withdraw buttons.
add(['WITHDRAW'], 'withdraw cancel zuruckziehen zuruckzuziehen ziehe stornieren storniere widerrufe');
add(['PENDING'], 'overdue uberfallig uberfallige uberfalligen verspatet offen offene offenen pending ausstehend ausstehende ausstehenden outstanding unanswered unbearbeitet unbearbeitete');
add(['RETENTION'], 'retention aufbewahrungsfristen aufbewahrungsfrist loschfristen loschfrist speicherdauer');
// The administrators' weekly report: "zeig den Löschbericht", "retention report".
add(['RETENTION'], 'loschbericht loschberichte loschreport aufbewahrungsbericht');
add(['RECORD'], 'record verzeichnis activities');
add(['RECORD', 'RECORD_STRONG'], 'ropa vvt verarbeitungsverzeichnis verarbeitungstatigkeiten');
add(['ARTICLE'], 'art article artikel');
add(['UNBLOCK'], 'unblock entsperre entsperren entsperr reset zurucksetzen');
add(['REMOVE'], 'entfernen entferne revoke widerrufen');
// "Freigabe löschen": deleting a grant (a request to erase data needs no grant word).
add(['REMOVE'], 'loschen');
// "remove all my grants", "alle meine Freigaben entfernen" (still small words everywhere else).
add(['ALL'], 'all alle allen alles');
add(['ALL', 'FILLER'], 'samtliche samtlichen');
add(['PHOTO'], 'photo picture foto bild profilbild avatar');
add(['DEPARTMENT'], 'department abteilung');
add(['ADDRESS', 'PRIVATE'], 'privatadresse heimadresse wohnadresse privatanschrift');
add(['FAX'], 'fax faxnummer telefax');
add(['PAGER'], 'pager');
add(['SIP'], 'sip');
add(['CUSTOMER', 'NUMBER'], 'kundennummer');
add(['CUSTOMER', 'OUTSIDER'], 'customer');
add(['THIRTY'], '30');

add(['THANKS'], 'thanks thank thx thnx thanx ty danke dankeschon merci cheers appreciated vielen dank super prima perfekt passt great cool ok okay okey alright klar top nice');
add(['MEAN'], 'mean means meaning bedeutet bedeuten bedeutung heisst heißt heissen explain erklar erklare erklaren erklärung explanation definition');
add(['DIFFERENCE'], 'difference unterschied unterschiede differ');
add(['LEVEL', 'LEVELS'], 'levels stufen berechtigungsstufen');
add(['DPO'], 'dpo dsb datenschutzbeauftragter datenschutzbeauftragte datenschutzbeauftragten datenschutzer datenschutzbeauftragtin');
add(['CONTACT'], 'contact ansprechpartner ansprechpartnerin ansprechperson zustandig responsible wende turn reach erreichen');
// "my manager", "der Chef": the directory knows who that is.
add(['MANAGER'], 'manager boss chef chefin vorgesetzter vorgesetzte vorgesetzten fuhrungskraft supervisor teamleiter teamleiterin teamlead abteilungsleiter abteilungsleiterin');

// Fillers of everyday chat in both languages, never a name.
add(['FILLER'], 'eigentlich halt denn doch ja so nochmal genau wirklich uberhaupt jetzt gerade eben eh grad kurz bitteschon zwischen between actually really quick question frage pls plz pleeease hmm hm uh um ah oh na nun also btw eig evtl vllt vielleicht maybe perhaps somehow irgendwie sehr viel vielmals much lot lots');
// Chat-speak: "u", "c", "whos", "wat".
add(['YOU'], 'u');
add(['SEE'], 'c');
add(['WHO'], 'whos whose wers');
add(['WHAT'], 'wat whats');
add(['I', 'FILLER'], 'im');

// Everyday names of the details (both languages, chat spellings).
add(['PHOTO'], 'pic pics pict profilepic profilfoto profilbilder fotos bilder image images selfie');
add(['APPOINTMENT'], 'appts appt appointmnts schedule schedules cal events event besprechung besprechungen meetings termin terminkalender kalendereintrage eintrage');
add(['APPOINTMENT', 'PRIVATE'], 'privattermine privattermin');
add(['PRESENCE'], 'online offline available verfugbar anwesend erreichbar erreichbarkeit abwesend');
add(['MOBILE'], 'smartphone handynumer handynummber mobilnumer mobilfunk mobile-nummer mobilenumber cellnumber cellphone');
add(['PHONE'], 'tel telnr telefonnr festnetznr nummer nr');
add(['PRIVATE'], 'zuhause daheim heim privatnr homephone');
add(['PHONE', 'PRIVATE'], 'privatnummer privattelefon heimnummer');
add(['PHONE', 'BUSINESS'], 'buronummer dienstnummer diensttelefon firmennummer');
add(['SECOND'], '2nd zweitleitung');
add(['FIRST'], '1st');
add(['LINE'], 'ext leitungen anschluss');
add(['PICKUP'], 'abheben ranholen herholen heranzuholen rangehen');
add(['FORWARD'], 'rufweiterleitung anrufweiterleitung umleitungen');
add(['CHAT'], 'anschreiben anchatten dm dms pn');
add(['JOB'], 'rolle role jobbezeichnung');
add(['ADDRESS', 'BUSINESS'], 'arbeitsadresse buroadresse');
add(['OTHER', 'PHONE'], 'zweitnummer');
// "wen ich angerufen habe" (calls made), "wer mich angerufen hat" (calls received).
add(['CALLED'], 'called angerufen anrief anriefen calling');
add(['CAR'], 'car auto autotelefon carphone');
add(['RADIO'], 'funk funktelefon radio');
add(['COMMENT'], 'comment comments kommentar kommentare');
add(['FIRSTNAME'], 'vorname vornamen firstname');
add(['LASTNAME'], 'nachname nachnamen surname lastname familienname');

add(['DO'], 'hab habe hast habt had hatte hatten gibt gibts');
add(['WHO'], 'wem wen');
add(['YOU'], 'ihr euch your');
add(['GIVEN'], 'freigegeben erlaubt eingestellt shared gave gewahrt');
add(['GRANTS'], 'settings einstellungen einstellung sharing freigegebene');
add(['BLOCK', 'L_BLOCKED'], 'blocken blockt blockst');
add(['UNDO'], 'undo ruckgangig zuruck back weg normal');
add(['REMOVE'], 'wegnehmen entzieh entziehen');
add(['ANYONE', 'FILLER'], 'jemand jemandem jemanden anyone anybody');
add(['ANYONE', 'OUTSIDER'], 'someone somebody');
add(['HAPPEN'], 'happens happen passiert passieren geschieht');
add(['NOTHING'], 'nothing nichts nix garnix');
add(['STORED'], 'stored store storing keep kept hold holding gespeichert speichert speichern speichert gesammelt collected');
add(['STOP'], 'stop stoppen stopp aufhoren einstellen');
add(['WORKLIST'], 'queue worklist arbeitsliste backlog todo todos');
add(['FILLER'], 'platz desk schreibtisch');
add(['REQUEST'], 'fall falle fallen');
add(['R_ERASURE', 'REQUEST', 'R_STRONG'], 'loschanfrage loschanfragen loschungsantrag');
add(['R_ACCESS', 'REQUEST', 'R_STRONG'], 'auskunftsanfrage');
add(['NEWS'], 'happened passiert stand updates');
// "darf", "soll", "should", "let": what somebody may see ("Bob darf alles sehen").
add(['MODAL'], 'soll sollen should let lass lasse');
add(['SEE'], 'seh');
add(['GIVEN'], 'allow');
add(['FILLER'], 'exactly exakt stuff zeug sachen');
add(['DIFFERENCE'], 'diff');
add(['CONTACT'], 'ask');
add(['THANKS'], 'awesome danke dankeschon thankyou');
add(['STORED'], 'wisst weisst wissen know knows');
add(['WHEN'], 'when wann');
add(['SEE'], 'zugriff zugreifen');
add(['FILLER'], 'earth teufel hell heck immediately sofort asap gleich bitteschon kurze here hier');
add(['I'], "i'd i'm i've i'll");
add(['CAN'], 'konntest kannst konnt konnte');
add(['UNBLOCK'], 'freigeben freischalten');
add(['CONTACT'], 'charge kummert verantwortlich');
add(['R_ERASURE'], 'entfernt entfernen');
add(['R_RECTIFY'], 'outdated veraltet incorrect inaccurate');
add(['GREETING'], 'morning afternoon');
add(['FILLER'], 'tell named namens away ab');
add(['UNDO'], 'away');
add(['R_ERASURE'], 'wipe wiped gone');
add(['DATA'], 'info infos informationen information personendaten');
add(['STORED'], 'gespeicherten gespeicherte gespeicherter');
add(['R_COPY'], 'ubersicht overview schick schicke schicken send sende');
add(['R_RECTIFY'], 'update aktualisieren aktualisiert geandert changed anpassen');
add(['R_RESTRICT'], 'pause pausieren aussetzen');
add(['UNBLOCK'], 'aufheben aufgehoben hebe heb');
add(['OUTSIDER'], 'colleague kollege kollegin');
add(['THIRD'], 'him ihn ihm');
add(['R_ERASURE'], 'weg');
// Viewers in general ("meine Kollegen", "externals"): a question about who, not about one person.
add(['EVERYONE', 'FILLER'], 'kollegen kolleginnen colleagues coworkers externe externen externals leute people everyone everybody jeder others anderen');
add(['GIVEN'], 'gesetzt');
add(['EVERYONE', 'FILLER'], 'ppl folks');
add(['WHY'], 'y');
add(['WHAT'], 'wtf');
add(['CONTACT'], 'person');
add(['DATA'], 'stuff zeug kram account konto');
add(['SEE'], 'visible sichtbar visibility sichtbarkeit shown angezeigt');
add(['EVERYONE', 'FILLER'], 'partner partners external');
add(['LEVEL', 'LEVELS'], 'lowest highest niedrigste niedrigsten hochste hochsten');
add(['CONTACT'], 'handles handle');
add(['R_ERASURE'], 'entferne');
add(['FILLER'], 'mate');
add(['BOT'], 'bot bots chatbot privacy-desk');
add(['GIVEN'], 'unblocked entsperrt');
add(['LEVEL', 'LEVELS'], 'default defaults standard standardstufe voreinstellung');
add(['CONTACT'], 'reads liest bearbeitet bearbeitest decides entscheidet');
add(['R_RESTRICT'], 'freeze einfrieren');
add(['DO'], 'bist bin are machst tust');
add(['UNBLOCK'], 'entblocken entblocke entblock');
add(['WHICH', 'FILLER'], 'which welche welcher welches welchen');
add(['PROTECTION'], 'protection datenschutz privacy');
add(['R_ERASURE'], 'deleted geloscht deleting');
add(['SET'], 'einstellen');
add(['CHAT'], 'anschreibbar');
add(['CONTACT'], 'kontakt ansprechpartner');
add(['R_OBJECT', 'R_STRONG'], 'widerspreche');
add(['NEWS'], 'durch fertig done finished abgeschlossen');
add(['FILLER'], 'gestellt eingereicht submitted filed');
add(['THANKS'], 'geklappt klappt');
add(['FORWARD', 'SET'], 'redirect umlenken');
add(['FORWARD'], 'redirected umgelenkt');
add(['FILLER'], 'support unterstutzung');
add(['FILLER'], 'ne nen ner');
add(['DO'], 'sein');
add(['STORED'], 'existieren existiert exist exists');
add(['R_ERASURE'], 'purge purged');
add(['REMOVE'], 'forget vergiss');
add(['FILLER'], 'password passwort kennwort');
add(['UNDO'], 'raus');
add(['R_COPY'], 'datei download herunterladen');
add(['FILLER'], 'system systems systemen systeme');
// "can I get my data", "kann ich meine Daten bekommen": a copy.
add(['R_COPY'], 'get bekommen kriegen erhalten receive');
add(['FILLER'], 'teilen mitteilen teilt inform whether');
add(['FILLER'], 'wieder again nimm nehmen take mehr more noch still if wenn falls ob');
add(['ALL', 'FILLER'], 'everything anything sowas');
add(['FILLER'], 'us uns asking asked asks now jetzt vorerst erstmal temporarily vorubergehend bis weiteres until further notice');
add(['R_ERASURE', 'REMOVE'], 'loscht loschst loscht');
add(['PROCESSING'], 'process using use nutzen nutzt verwenden verwendet benutzen benutzt');

add(['PHONE'], 'landline landlines');
add(['FORWARD'], 'forwarded umgeleitet weitergeleitet diverted');
add(['PICKUP'], 'grab grabs');
add(['OUTGOING'], 'dial dials dialed dialled wahle gewahlt');
// "wer kann mir schreiben": who may chat; "missed calls" were received; a name "misspelled" is wrong.
add(['CHAT'], 'schreiben');
add(['INCOMING'], 'missed verpasste verpassten entgangene entgangenen');
add(['R_RECTIFY'], 'misspelled misspelt typo tippfehler falschgeschrieben');
add(['SEE'], 'mitbekommen mitkriegen');
// "give Priya full trust": everything; "was ich geteilt hab": what I shared; "von vorne": start over.
add(['L_PERSONAL'], 'trust vertrauen');
add(['GIVEN'], 'geteilt teile geteilte');
add(['REMOVE'], 'zurucknehmen zurucknehme');
add(['FILLER'], 'komplett vorne neu fresh scratch detail angaben');
add(['DATA'], 'details');
// Hurried and worried writing: "bitte schnell", "start from zero", "fürn Anwalt", "end of month".
add(['FILLER'], 'schnell fast quickly zero null anfang beginning anwalt anwaltin lawyer attorney gericht court end ende month monat week woche leaving verlasse leave');
add(['MANAGER'], 'manger mangaer manger');
add(['DATA'], 'datas');
add(['ME'], 'mei');
add(['NEGATION'], 'nich net');
// "eve, what can she see of me": a pronoun, never a name.
add(['FILLER'], 'she he');
// The names of things in an office: "DSAR", "my dept", "my employer", "busy", "agenda", "call list".
add(['R_ACCESS', 'REQUEST', 'R_STRONG'], 'dsar sar');
add(['CONSENT'], 'consent einwilligung zustimmung');
add(['FILLER'], 'exercise ausuben extra');
add(['DEPARTMENT'], 'dept abt');
add(['JOB'], 'stellenbeschreibung jobbeschreibung');
add(['INCOMING', 'CALLS'], 'anrufliste anrufjournal anrufprotokoll calllog');
add(['COMPANY'], 'employer arbeitgeber');
add(['PRESENCE'], 'busy beschaftigt');
add(['APPOINTMENT'], 'agenda');
add(['UNDO'], 'revert cancel');
// Details described by what they are ("Diensthandy", "Firmenanschrift", "desk"), requests by a situation.
add(['MOBILE'], 'diensthandy firmenhandy dienstmobiltelefon');
add(['ADDRESS', 'BUSINESS'], 'firmenanschrift buroanschrift');
add(['FILLER'], 'furs guys sure hr drin gekundigt gekundigt complaint beschwerde stats statistik statistiken analytics werbung newsletter januar februar marz april juni juli august september oktober november dezember january february march june july october december');
add(['OF'], 'ubre');
add(['INCOMING', 'CALLS'], 'anruflisten');
add(['DATA'], 'records unterlagen');
add(['STORED'], 'held');
add(['R_COPY'], 'report');
add(['PROCESSING'], 'used');
add(['NEGATION'], "don't doesn't didn't won't");
add(['PICKUP'], 'ubernehmen entgegennehmen');
add(['SET'], 'anschalten einschalten aktivieren activate treat behandelt behandeln');
add(['THANKS'], 'helped geholfen');
add(['L_PUBLIC'], 'offentliches');
add(['GRANTS'], 'exceptions ausnahmen');
add(['GIVEN'], 'eingerichtet freigeschaltet');
add(['MODAL'], 'want wants');
add(['FILLER'], 'gets stay stays bleiben remain remains contract vertrag ends endet permanently dauerhaft endgultig forever ever productivity');
add(['NEW'], 'new neue neuen neuer neues');
add(['FILLER'], 'reports checked gepruft geklart verified untill those');
add(['BLOCK', 'L_BLOCKED'], 'blocking');
// Every catalogue item by its everyday names (seed 4.1.2), also those no matrix row governs.
add(['UPN'], 'upn userprincipalname anmeldename loginname login benutzername username');
add(['ASSISTANT'], 'assistant assistent assistentin assistenz vertretung vertreter vertreterin stellvertretung deputy');
add(['CALLBACK'], 'callback ruckruf ruckrufnummer');
add(['ISDN'], 'isdn');
add(['TELEX'], 'telex fernschreiber');
add(['MAINLINE'], 'zentrale hauptnummer zentralnummer switchboard main');
add(['CRM'], 'crm');
add(['ADDRESS'], 'postleitzahl plz postcode zipcode stadt city bundesland country strasse street');
add(['INCOMING', 'CALLS'], 'journal');
// Said in passing: who one is married to, a subsidiary, a doctor's appointment, "darum", "man".
add(['FILLER'], 'aufs tochtergesellschaft wife husband mann partnerin doctor doctors arzt darum deshalb daher man schriftlich heirat hochzeit vorlaufig few paar einige something etwas profile profil fang fange anfangen projekt verlassen sitze sitzt');
add(['APPOINTMENT', 'PRIVATE'], 'arzttermine arzttermin');
add(['PRESENCE'], 'telefoniere telefonierst');
add(['INCOMING'], 'reinkommen reinkommende reinkommenden');
add(['R_COPY'], 'auszug');
add(['R_RESTRICT'], 'limit limitieren beschranken');
add(['GIVEN'], 'eingeschrankt restricted');
add(['GRANTS'], 'sonderrechte sonderrecht');
add(['FILLER'], "arbeite arbeitet they're marked markiert laufen lauft ago while remember erinnern");
add(['SET'], 'verstellt verstelt');
// "who've I allowed", "who's got what access", "gimme the list".
add(['WHO'], "who've whove");
add(['DO'], 'got');
add(['FILLER'], 'some');
// Said while telling what happened: "klaus hat meinen anruf rangeholt", "eine umleitung einrichten",
// "für jan reicht öffentlich", "was bringt die stufe", "out of date and wants it corrected".
add(['PICKUP'], 'rangeholt herangeholt weggeschnappt');
add(['SET'], 'einrichten einrichtet reicht reichen genugt');
add(['MEAN'], 'bringt bringen');
add(['R_RECTIFY'], 'corrected korrigiert berichtigt fixed');
add(['FILLER'], 'eintrag eintrags telefonbuch telefonverzeichnis wechsel wechsle wechseln');
add(['APPOINTMENT'], 'kalendereintrag terminplanung');
add(['REQUEST'], 'beantragt');
add(['R_ERASURE'], 'vergesst');
add(['FILLER'], 'nachsten nachste nachster next letzten letzte letzter');
// Sign-offs and asides of polite messages: "LG", "Kind regards", "ich wechsle bald", "am Rechner".
add(['FILLER'], 'lg vg mfg gruss grusse grussen regards kind best bald soon aktuell aktuelle aktuellen currently procall rechner computer steh stehe');
// "can I become my data" (a German speaker's "bekommen"); "presents status"; "Zimmernummer".
add(['FILLER'], 'freundlichen freundliche freundlicher herzlichen herzliche beste besten sincerely yours');
add(['FILLER'], 'own eigene eigenen eigener built eingebaut obwohl although immer always sitz gelb');
add(['R_COPY'], 'become');
add(['PRESENCE'], 'presents');
add(['OFFICE'], 'zimmernummer zimmernr raumnr');
add(['EVERYONE', 'FILLER'], 'employee employees mitarbeiter mitarbeiterin mitarbeitende');
add(['REMOVE'], 'streichen streiche streich');
// Somebody outside, by their role: "Lisa Berger, eine Lieferantin", "a former employee".
add(['OUTSIDER'], 'lieferant lieferantin lieferanten supplier vendor dienstleister ehemalige ehemaliger former');
// Calls kept on record: "dass meine Anrufe protokolliert werden" objects to the journal.
add(['PROCESSING'], 'protokolliert protokollieren protokollierung aufgezeichnet aufzeichnen logged logging tracked tracking');
add(['SHOW', 'R_COPY'], 'gimme');
add(['FILLER'], 'seit seitdem since');

/** Folded word → concepts. */
export const LEXICON: ReadonlyMap<string, readonly Concept[]> = new Map(Object.entries(ENTRIES));

/** Short words that a typo often shortens below the fuzzy threshold ("se" for "see"). */
export const SHORT_TYPO_TARGETS: ReadonlyMap<string, string> = new Map([
  ['se', 'see'],
  ['sse', 'see'],
  ['cn', 'can'],
  ['ca', 'can'],
  ['kan', 'kann'],
  ['wr', 'wer'],
  ['wh', 'who'],
  ['ot', 'to'],
]);

/**
 * Three-letter words whose letters a typo swaps ("cna", "wyh", "jbo"). Only these: a swapped
 * three-letter name ("Wei" for "wie") must stay a name.
 */
export const SWAP_TARGETS: readonly string[] = ['can', 'why', 'who', 'was', 'wer', 'job', 'see', 'set', 'the', 'for', 'fur', 'and', 'und'];
