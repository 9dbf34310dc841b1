'use strict';

// An SMTP server on 127.0.0.1 (the smtp-server package) that accepts every message and keeps it,
// for the review mails n8n's Email node sends ("Send and Wait for Response"). API:
//
//   const smtp = await startSmtp()   listening on a free port (or { port })
//   smtp.credential                  the data of an n8n `smtp` credential pointing at it
//                                    (plain SMTP, no STARTTLS, no login)
//   smtp.mails                       [{ from, to: [..], subject, html, text, headers, receivedAt }]
//   await smtp.waitForMail(match, { timeoutMs })   the first mail for which match(mail) is true,
//                                    waiting for it (match: a function, or a string the subject or
//                                    body must contain)
//   linksOf(mail)                    [{ label, url }] every <a href> of the HTML body, entities decoded
//   approvalLinks(mail)              { approve, decline }: the Send and Wait links
//                                    (/webhook-waiting/...?approved=true|false&signature=...)
//   await smtp.close()

const { SMTPServer } = require('smtp-server');

const { poll } = require('../../poll');

/** Headers of a MIME entity (folded lines joined), names lower-case; and its body. */
function splitEntity(raw) {
	const at = raw.search(/\r?\n\r?\n/);
	const head = at === -1 ? raw : raw.slice(0, at);
	const body = at === -1 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
	const headers = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0)
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

function decodeBody(body, encoding = '') {
	const how = encoding.toLowerCase();
	if (how === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (how === 'quoted-printable') {
		const bytes = body
			.replace(/=\r?\n/g, '')
			.replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
		return Buffer.from(bytes, 'latin1').toString('utf8');
	}
	return Buffer.from(body, 'latin1').toString('utf8');
}

/** Decodes an RFC 2047 encoded-word header (nodemailer's subjects). */
function decodeHeader(value = '') {
	return value.replace(/=\?([^?]+)\?([BQbq])\?([^?]*)\?=\s*/g, (_, _charset, how, text) =>
		how.toUpperCase() === 'B'
			? Buffer.from(text, 'base64').toString('utf8')
			: decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
	);
}

/** The text/html and text/plain parts of a message, multipart or not. */
function parts(entity, found = { html: '', text: '' }) {
	const type = entity.headers['content-type'] || 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type);
	if (/^multipart\//i.test(type) && boundary) {
		const pieces = entity.body.split(`--${boundary[1]}`).slice(1);
		for (const piece of pieces) {
			if (piece.startsWith('--')) break;
			parts(splitEntity(piece.replace(/^\r?\n/, '')), found);
		}
		return found;
	}
	const decoded = decodeBody(entity.body, entity.headers['content-transfer-encoding']);
	if (/^text\/html/i.test(type)) found.html += decoded;
	else if (/^text\/plain/i.test(type)) found.text += decoded;
	return found;
}

function parseMail(raw, envelope) {
	const entity = splitEntity(raw);
	const { html, text } = parts(entity);
	return {
		from: envelope.mailFrom ? envelope.mailFrom.address : '',
		to: envelope.rcptTo.map((rcpt) => rcpt.address),
		subject: decodeHeader(entity.headers.subject),
		html,
		text,
		headers: entity.headers,
		receivedAt: new Date().toISOString(),
	};
}

const decodeEntities = (value) =>
	value
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');

function linksOf(mail) {
	const links = [];
	for (const [, url, label] of mail.html.matchAll(
		/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi,
	))
		links.push({
			label: decodeEntities(label.replace(/<[^>]+>/g, '').trim()),
			url: decodeEntities(url),
		});
	return links;
}

function approvalLinks(mail) {
	const waiting = linksOf(mail).filter((link) => link.url.includes('/webhook-waiting/'));
	const withApproved = (value) =>
		waiting.find((link) => new URL(link.url).searchParams.get('approved') === value)?.url;
	return { approve: withApproved('true'), decline: withApproved('false') };
}

async function startSmtp({ port = 0 } = {}) {
	const mails = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks = [];
			stream.on('data', (chunk) => chunks.push(chunk));
			stream.on('end', () => {
				mails.push(parseMail(Buffer.concat(chunks).toString('latin1'), session.envelope));
				callback();
			});
		},
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const actualPort = server.server.address().port;
	const matcher = (match) =>
		typeof match === 'function'
			? match
			: (mail) =>
					mail.subject.includes(match) || mail.html.includes(match) || mail.text.includes(match);
	return {
		port: actualPort,
		mails,
		credential: {
			host: '127.0.0.1',
			port: actualPort,
			secure: false,
			disableStartTls: true,
			user: '',
			password: '',
			hostName: '',
		},
		waitForMail: (match, { timeoutMs = 60_000 } = {}) =>
			poll(() => mails.find(matcher(match)), {
				what: `a mail matching ${typeof match === 'string' ? JSON.stringify(match) : 'the test'}`,
				until: Boolean,
				show: () => `${mails.length} mail(s): ${mails.map((m) => m.subject).join(' | ')}`,
				timeoutMs,
				intervalMs: 200,
			}),
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startSmtp, linksOf, approvalLinks, parseMail };
