"""The episode domain: times, transcript and clip operations, fields, links, site facts,
validation, podcast formats, snapping to speech.
"""
