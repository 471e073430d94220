<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CitePanel</name>
    <message numerus="yes">
        <source>Wrote {name}: %n quote(s) with {context} lines of context.</source>
        <translation>
            <numerusform>Wrote {name}: %n quote with {context} lines of context.</numerusform>
            <numerusform>Wrote {name}: %n quotes with {context} lines of context.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n detection(s) still wait for review in the names panel.</source>
        <translation>
            <numerusform>%n detection still waits for review in the names panel.</numerusform>
            <numerusform>%n detections still wait for review in the names panel.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n name mention(s)</source>
        <translation>
            <numerusform>%n name mention</numerusform>
            <numerusform>%n name mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n indirect identifier(s)</source>
        <translation>
            <numerusform>%n indirect identifier</numerusform>
            <numerusform>%n indirect identifiers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NamesPanel</name>
    <message numerus="yes">
        <source>%n name(s) will be replaced</source>
        <translation>
            <numerusform>%n name will be replaced</numerusform>
            <numerusform>%n names will be replaced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people, places or organisations</source>
        <translation>
            <numerusform>%n person, place or organisation</numerusform>
            <numerusform>%n people, places or organisations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wait(s) for your review</source>
        <translation>
            <numerusform>%n waits for your review</numerusform>
            <numerusform>%n wait for your review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n leftover word(s) to look at</source>
        <translation>
            <numerusform>%n leftover word to look at</numerusform>
            <numerusform>%n leftover words to look at</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueBar</name>
    <message numerus="yes">
        <source>%n interview(s) wait in the queue left last time. Resume continues it.</source>
        <translation>
            <numerusform>%n interview waits in the queue left last time. Resume continues it.</numerusform>
            <numerusform>%n interviews wait in the queue left last time. Resume continues it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n interview(s) wait in the queue. Resume continues it.</source>
        <translation>
            <numerusform>Paused: %n interview waits in the queue. Resume continues it.</numerusform>
            <numerusform>Paused: %n interviews wait in the queue. Resume continues it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The queue is done: %n interview(s) transcribed.</source>
        <translation>
            <numerusform>The queue is done: %n interview transcribed.</numerusform>
            <numerusform>The queue is done: %n interviews transcribed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptionPanel</name>
    <message numerus="yes">
        <source>Found: %n CUDA graphics card(s); Automatic uses it.</source>
        <translation>
            <numerusform>Found: %n CUDA graphics card; Automatic uses it.</numerusform>
            <numerusform>Found: %n CUDA graphics cards; Automatic uses them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n core(s), {memory} GB memory, {card}</source>
        <translation>
            <numerusform>%n core, {memory} GB memory, {card}</numerusform>
            <numerusform>%n cores, {memory} GB memory, {card}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Transcribed: %n segment(s), with {model} on {device}.</source>
        <translation>
            <numerusform>Transcribed: %n segment, with {model} on {device}.</numerusform>
            <numerusform>Transcribed: %n segments, with {model} on {device}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The transcription stopped at {position} of {total} ({why}). What was done is saved: %n segment(s). Resume continues from there, with the same model and options.</source>
        <translation>
            <numerusform>The transcription stopped at {position} of {total} ({why}). What was done is saved: %n segment. Resume continues from there, with the same model and options.</numerusform>
            <numerusform>The transcription stopped at {position} of {total} ({why}). What was done is saved: %n segments. Resume continues from there, with the same model and options.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of {total} · {eta} · %n segment(s)</source>
        <translation>
            <numerusform>{done} of {total} · {eta} · %n segment</numerusform>
            <numerusform>{done} of {total} · {eta} · %n segments</numerusform>
        </translation>
    </message>
</context>
</TS>
