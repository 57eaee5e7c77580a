"""The simulated Plex server's XML: sessions rendered as a real server renders them.

Element and attribute names follow Plex's own answers, so plexapi and PlexGeo's parser read
them as they would read Plex; `simulator.plex` serves them.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET

from aiohttp import web

from simulator.scenario import SimDecision, SimMediaKind, SimSession

# Characters XML 1.0 cannot carry at all, even escaped; Plex drops them too.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_ERROR_PAGE = (
    "<html><head><title>{title}</title></head><body><h1>{status} {title}</h1></body></html>"
)


def xml_text(value: object) -> str:
    """A value as XML 1.0 can carry it: characters it forbids are dropped."""
    return _NOT_XML.sub("", str(value))


def element(parent: ET.Element | None, tag: str, **attributes: object) -> ET.Element:
    """An element with its attributes in order; None values are left out."""
    attrs = {k: xml_text(v) for k, v in attributes.items() if v is not None}
    if parent is None:
        return ET.Element(tag, attrs)
    return ET.SubElement(parent, tag, attrs)


def flag(value: bool) -> str:
    return "1" if value else "0"


def xml_response(root: ET.Element) -> web.Response:
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
    return web.Response(text=body, content_type="text/xml", charset="utf-8")


def error_response(status: int, title: str) -> web.Response:
    return web.Response(
        status=status,
        text=_ERROR_PAGE.format(status=status, title=title),
        content_type="text/html",
    )


def truncated(response: web.StreamResponse) -> web.StreamResponse:
    """Cut an XML answer inside an element, so no parser can accept it."""
    if not isinstance(response, web.Response) or response.text is None:
        return response
    text = response.text
    inner = text.find("<", text.find("<MediaContainer") + 1)
    cut = inner + 12 if inner != -1 else len(text) - 10
    return web.Response(
        status=response.status, text=text[:cut], content_type="text/xml", charset="utf-8"
    )


def live_uuid(session: SimSession) -> str:
    """The Live TV session uuid Plex puts in `Media.uuid` and the item's key."""
    digest = hashlib.blake2b(session.session_id.encode(), digest_size=16).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}"


def render_session(session: SimSession, *, detail: bool = False) -> ET.Element:
    """One `/status/sessions` item; `detail` gives the live TV detail shape (no viewer)."""
    kind = session.media_kind
    tag = "Track" if kind is SimMediaKind.TRACK else "Video"
    item = element(None, tag, **_item_attributes(session, detail=detail))
    media = _media(item, session)
    transcode_parent = media if detail else item
    if session.decision is not SimDecision.DIRECT_PLAY:
        _transcode(transcode_parent, session)
    if detail:
        return item
    element(
        item,
        "User",
        id=str(session.user_id),
        thumb=f"https://plex.tv/users/{session.user_id:x}/avatar",
        title=session.user_name,
    )
    element(
        item,
        "Player",
        address=session.address,
        device=session.player_device,
        local=flag(session.local),
        machineIdentifier=session.player_machine_id,
        platform=session.player_platform,
        platformVersion=session.player_platform_version,
        product=session.player_product,
        relayed=flag(session.relayed),
        remotePublicAddress=session.remote_public_address,
        secure=flag(session.secure),
        state=session.state.value,
        title=session.player_title,
        userID=str(session.user_id),
        version=session.player_version,
    )
    element(
        item,
        "Session",
        bandwidth=str(session.bandwidth_kbps),
        id=session.session_id,
        location=session.network.value,
    )
    return item


def _item_attributes(session: SimSession, *, detail: bool) -> dict[str, object]:
    kind = session.media_kind
    key = f"/library/metadata/{session.rating_key}"
    section = {
        SimMediaKind.MOVIE: ("1", "Movies"),
        SimMediaKind.EPISODE: ("2", "TV Shows"),
        SimMediaKind.TRACK: ("3", "Music"),
        SimMediaKind.CLIP: ("-2", None),
    }.get(kind)
    attributes: dict[str, object] = {
        "addedAt": 1_600_000_000 + session.rating_key * 37,
        "duration": session.duration_ms,
        "guid": _guid(session),
        "key": f"/livetv/sessions/{live_uuid(session)}" if kind is SimMediaKind.LIVE_TV else key,
        "librarySectionID": section[0] if section else None,
        "librarySectionTitle": section[1] if section else None,
        "ratingKey": session.rating_key,
        "sessionKey": None if detail else session.session_key,
        "thumb": f"{key}/thumb/1732540800",
        "title": session.title,
        "type": "episode" if kind is SimMediaKind.LIVE_TV else kind.value,
        "viewOffset": None if detail else session.view_offset_ms,
        "year": session.year,
    }
    if kind is SimMediaKind.LIVE_TV:
        attributes["live"] = "1"
    if kind in (SimMediaKind.EPISODE, SimMediaKind.LIVE_TV, SimMediaKind.TRACK):
        attributes |= {
            "grandparentTitle": session.grandparent_title,
            "parentTitle": session.parent_title,
            "parentIndex": session.parent_index,
            "index": session.index,
        }
    elif kind is SimMediaKind.CLIP:
        attributes["index"] = session.index
    return attributes


def _guid(session: SimSession) -> str:
    digest = hashlib.blake2b(str(session.rating_key).encode(), digest_size=12).hexdigest()
    if session.media_kind is SimMediaKind.CLIP:
        return f"analyzed.prerolls://{digest}"
    kind = "episode" if session.media_kind is SimMediaKind.LIVE_TV else session.media_kind.value
    return f"plex://{kind}/{digest}"


def _media(item: ET.Element, session: SimSession) -> ET.Element:
    decision = session.decision.value
    if session.media_kind is SimMediaKind.TRACK:
        media = element(
            item,
            "Media",
            id=session.rating_key * 3,
            duration=session.duration_ms,
            bitrate=session.bandwidth_kbps,
            audioChannels="2",
            audioCodec="flac",
            container="flac",
            selected="1",
        )
        element(
            media,
            "Part",
            id=session.rating_key * 5,
            container="flac",
            decision=decision,
            duration=session.duration_ms,
            file=f"/music/{session.grandparent_title}/{session.parent_title}/{session.title}.flac",
            selected="1",
        )
        return media
    live = session.media_kind is SimMediaKind.LIVE_TV
    height = _sent_height(session)
    media = element(
        item,
        "Media",
        id=session.rating_key * 3,
        duration=None if live else session.duration_ms,
        bitrate=session.bandwidth_kbps,
        width=height * 16 // 9,
        height=height,
        aspectRatio="1.78",
        audioChannels="6",
        audioCodec="ac3" if live else "eac3",
        videoCodec="mpeg2video" if live else "h264",
        videoResolution=video_resolution(height),
        container="mpegts" if live else "mkv",
        origin="livetv" if live else None,
        protocol="hls" if live else None,
        uuid=live_uuid(session) if live else None,
        selected="1",
    )
    element(
        media,
        "Part",
        id=session.rating_key * 5,
        container="mpegts" if live else "mkv",
        decision=decision,
        duration=None if live else session.duration_ms,
        file=None if live else f"/media/{session.title}.mkv",
        protocol="hls" if live else None,
        selected="1",
    )
    return media


def video_resolution(height: int) -> str:
    """Plex's `videoResolution` word for a frame height: "4k", "1080", "720", "sd"..."""
    for word, least in (("4k", 1600), ("1080", 900), ("720", 650), ("576", 560), ("480", 400)):
        if height >= least:
            return word
    return "sd"


def _sent_height(session: SimSession) -> int:
    """The height of the frames sent: a video transcode's output, else the file's."""
    if session.decision is SimDecision.TRANSCODE and session.transcode_height:
        return session.transcode_height
    return session.video_height


def _transcode(parent: ET.Element, session: SimSession) -> None:
    decision = session.decision.value
    audio_only = session.media_kind is SimMediaKind.TRACK
    scaled = not audio_only and session.transcode_height is not None
    height = _sent_height(session) if scaled else None
    element(
        parent,
        "TranscodeSession",
        key=f"/transcode/sessions/{live_uuid(session)}",
        throttled="0",
        complete="0",
        progress="12.5",
        speed="1.6000000238418579",
        duration=session.duration_ms,
        context="streaming",
        videoDecision=None if audio_only else decision,
        audioDecision=decision,
        protocol="hls",
        container="mpegts",
        videoCodec=None if audio_only else "h264",
        audioCodec="aac",
        audioChannels="2",
        width=None if height is None else height * 16 // 9,
        height=height,
        transcodeHwRequested="1",
    )


def garbage_items() -> list[ET.Element]:
    """Valid XML a confused server might send: missing viewers, absurd values, odd types."""
    base = SimSession(session_key="9001", session_id="garbage-session")
    no_user = render_session(base)
    no_user.remove(_child(no_user, "User"))
    no_player = render_session(base)
    no_player.remove(_child(no_player, "Player"))
    absurd = render_session(base)
    _child(absurd, "Player").attrib |= {"address": "", "remotePublicAddress": "", "local": "2"}
    _child(absurd, "Session").attrib |= {"bandwidth": "lots", "location": "moon"}
    _child(absurd, "Media").attrib |= {
        "videoResolution": "ultra",
        "height": "tall",
        "width": "-1",
        "bitrate": "fast",
    }
    absurd.attrib |= {"viewOffset": "soon", "duration": "-1", "year": "MMXVI"}
    unknown_type = render_session(base)
    unknown_type.attrib |= {"type": "hologram", "sessionKey": ""}
    _child(unknown_type, "User").attrib["id"] = "not-a-number"
    return [no_user, no_player, absurd, unknown_type]


def _child(element: ET.Element, tag: str) -> ET.Element:
    found = element.find(tag)
    if found is None:
        raise LookupError(tag)
    return found
